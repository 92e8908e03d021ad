import type {StructureDumper} from "../base/introspection-types.js"
import type {Queryable} from "../base/queryable.js"

/**
 * SQLite stores each object's CREATE statement verbatim, so the dump is those statements in a
 * fixed order (tables, indexes, views, triggers; each by name) and loading it recreates the
 * same text. sqlite_sequence and automatic indexes are SQLite's own and left out.
 */
export class SqliteStructureDumper implements StructureDumper {
  private db: Queryable

  constructor(db: Queryable) {
    this.db = db
  }

  async dump(): Promise<string> {
    const rows = await this.db.query<{sql: string}>(
      "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' " +
      "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, name"
    )

    return rows.map((row) => `${row.sql.trim()};\n`).join("\n")
  }

  async load(sql: string): Promise<void> {
    await this.db.executeScript(sql)
  }
}
