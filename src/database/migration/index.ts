import type Configuration from "../../configuration.js"
import type BaseDriver from "../drivers/base/base-driver.js"
import {DatabaseError} from "../drivers/base/errors.js"
import type {ColumnOptions} from "./column-definition.js"
import SchemaStatements, {type AddForeignKeyOptions, type AddIndexOptions} from "./schema-statements.js"
import type TableDefinition from "./table-definition.js"
import type {CreateTableOptions} from "./table-definition.js"

export class IrreversibleMigrationError extends DatabaseError {
  override name = "IrreversibleMigrationError"
}

export interface MigrationArgs {
  configuration: Configuration
  databaseIdentifier: string
  db: BaseDriver
}

type TableBody = (table: TableDefinition) => void

/**
 * Base class of the app's migrations. `up()` applies the change, `down()` reverts it; the
 * schema methods run on the connection the migrator hands in.
 */
export default class Migration {
  /** Which configured databases this migration runs on; `["default"]` unless a subclass says otherwise. */
  static databaseIdentifiers: string[] = ["default"]

  /**
   * Where the database has transactional DDL, a migration runs in a transaction unless this is
   * true (Rails' disable_ddl_transaction!). SQLite needs it to rebuild a table other tables
   * reference, since foreign key checks cannot be switched off inside a transaction.
   */
  static disableDdlTransaction = false

  readonly configuration: Configuration
  readonly databaseIdentifier: string
  private readonly driver: BaseDriver
  private readonly schema: SchemaStatements

  constructor({configuration, databaseIdentifier, db}: MigrationArgs) {
    this.configuration = configuration
    this.databaseIdentifier = databaseIdentifier
    this.driver = db
    this.schema = new SchemaStatements(db)
  }

  async up(): Promise<void> {
    throw new DatabaseError(`${this.constructor.name} has no up() method: define async up() { ... } in the migration`)
  }

  async down(): Promise<void> {
    throw new IrreversibleMigrationError(`${this.constructor.name} cannot be rolled back because it has no down() method; add async down() { ... } that undoes up()`)
  }

  getDriver(): BaseDriver {
    return this.driver
  }

  createTable(name: string, body: TableBody): Promise<void>
  createTable(name: string, options: CreateTableOptions, body: TableBody): Promise<void>
  createTable(name: string, optionsOrBody: CreateTableOptions | TableBody, body?: TableBody): Promise<void> {
    return this.schema.createTable(name, optionsOrBody, body)
  }

  dropTable(name: string, options?: {ifExists?: boolean}): Promise<void> {
    return this.schema.dropTable(name, options)
  }

  renameTable(from: string, to: string): Promise<void> {
    return this.schema.renameTable(from, to)
  }

  addColumn(table: string, name: string, type: string, options?: ColumnOptions): Promise<void> {
    return this.schema.addColumn(table, name, type, options)
  }

  removeColumn(table: string, name: string): Promise<void> {
    return this.schema.removeColumn(table, name)
  }

  renameColumn(table: string, from: string, to: string): Promise<void> {
    return this.schema.renameColumn(table, from, to)
  }

  changeColumn(table: string, name: string, type: string, options?: ColumnOptions): Promise<void> {
    return this.schema.changeColumn(table, name, type, options)
  }

  addIndex(table: string, columns: string | string[], options?: AddIndexOptions): Promise<void> {
    return this.schema.addIndex(table, columns, options)
  }

  removeIndex(table: string, columnsOrOptions: string | string[] | {name?: string, column?: string | string[]}): Promise<void> {
    return this.schema.removeIndex(table, columnsOrOptions)
  }

  addForeignKey(table: string, referencedTable: string, options?: AddForeignKeyOptions): Promise<void> {
    return this.schema.addForeignKey(table, referencedTable, options)
  }

  tableExists(table: string): Promise<boolean> {
    return this.schema.tableExists(table)
  }

  columnExists(table: string, column: string): Promise<boolean> {
    return this.schema.columnExists(table, column)
  }

  /** Raw SQL, with `?` values bound. */
  async execute(sql: string, params: unknown[] = []): Promise<void> {
    await this.driver.execute(sql, params)
  }
}
