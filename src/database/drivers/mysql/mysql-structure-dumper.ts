import type {StructureDumper} from "../base/introspection-types.js"
import type {Queryable} from "../base/queryable.js"
import type {MysqlIntrospector} from "./mysql-introspector.js"

/**
 * SHOW CREATE TABLE per table, sorted by name, with the AUTO_INCREMENT counter (data, not
 * schema) taken out. Foreign keys sit inside CREATE TABLE, so checks are off while loading
 * to let tables come in alphabetical rather than dependency order.
 */
export class MysqlStructureDumper implements StructureDumper {
  private db: Queryable
  private introspector: MysqlIntrospector

  constructor(db: Queryable, introspector: MysqlIntrospector) {
    this.db = db
    this.introspector = introspector
  }

  async dump(): Promise<string> {
    const statements = ["SET FOREIGN_KEY_CHECKS = 0"]

    for (const table of await this.introspector.tables()) {
      const rows = await this.db.query<Record<string, string>>(`SHOW CREATE TABLE ${this.db.quoteIdentifier(table)}`)

      statements.push(rows[0]["Create Table"].replace(/ AUTO_INCREMENT=\d+/, ""))
    }

    statements.push("SET FOREIGN_KEY_CHECKS = 1")

    return statements.map((statement) => `${statement};\n`).join("\n")
  }

  async load(sql: string): Promise<void> {
    await this.db.executeScript(sql)
  }
}
