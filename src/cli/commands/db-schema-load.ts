import fs from "node:fs/promises"
import path from "node:path"
import type {CommandContext} from "../command.js"
import {structureSqlPath} from "../../database/structure-sql.js"
import {withAppDatabases} from "../support/app-command.js"

export default async function dbSchemaLoad({cwd, stdout, stderr}: CommandContext): Promise<number> {
  return await withAppDatabases(cwd, async (configuration) => {
    for (const identifier of configuration.getDatabaseIdentifiers()) {
      const file = path.join(configuration.getDirectory(), structureSqlPath(identifier))
      const sql = await fs.readFile(file, "utf8").catch(() => undefined)

      if (sql === undefined) {
        stderr.write(`No ${structureSqlPath(identifier)} to load: run \`npx velocious db:migrate\` (or db:schema:dump) where the schema exists first\n`)

        return 1
      }

      const db = configuration.getDatabasePool(identifier).getCurrentConnection()
      const tables = await db.getIntrospector().tables()

      if (tables.length > 0) {
        stderr.write(`The '${identifier}' database is not empty (tables: ${tables.join(", ")}). db:schema:load only loads into an empty database: run \`npx velocious db:drop\` and \`db:create\` first\n`)

        return 1
      }

      await db.getStructureDumper().load(sql)
      stdout.write(`Loaded ${structureSqlPath(identifier)} into '${identifier}'\n`)
    }

    return 0
  })
}
