import fs from "node:fs/promises"
import path from "node:path"
import type Configuration from "../../configuration.js"
import {structureSql, structureSqlEnabled, structureSqlPath} from "../../database/structure-sql.js"

/** Writes db/structure-<identifier>.sql for each database (only the missing ones with `onlyMissing`); returns what it wrote. */
export async function writeStructureFiles(configuration: Configuration, {onlyMissing = false}: {onlyMissing?: boolean} = {}): Promise<string[]> {
  if (!structureSqlEnabled(configuration)) return []

  const written: string[] = []

  for (const identifier of configuration.getDatabaseIdentifiers()) {
    const file = path.join(configuration.getDirectory(), structureSqlPath(identifier))

    if (onlyMissing && await fs.stat(file).then(() => true, () => false)) continue

    const db = configuration.getDatabasePool(identifier).getCurrentConnection()

    await fs.mkdir(path.dirname(file), {recursive: true})
    await fs.writeFile(file, await structureSql(db))
    written.push(path.relative(configuration.getDirectory(), file))
  }

  return written
}
