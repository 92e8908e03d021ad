import type {ImportMigration} from "../migrator.js"
import type {MigrationFile} from "./migration-file.js"

/** The app's migrations and how to load one: the files in src/database/migrations under Node, a bundled list in the browser. */
export interface MigrationSource {
  findMigrations(): Promise<MigrationFile[]>
  importMigration: ImportMigration
}
