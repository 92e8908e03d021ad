import {DatabaseError} from "../drivers/base/errors.js"

/** Names the migration file and database; the cause keeps the database's message and the SQL. */
export class MigrationFailedError extends DatabaseError {
  override name = "MigrationFailedError"
  readonly file: string
  readonly databaseIdentifier: string

  constructor({file, databaseIdentifier, direction, cause, transactional}: {file: string, databaseIdentifier: string, direction: "up" | "down", cause: unknown, transactional: boolean}) {
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)
    const applied = direction === "up"
      ? (transactional
        ? "Nothing of it was applied (it ran in a transaction) and it is not recorded as run."
        : "It is not recorded as run, but this database cannot roll back schema changes: statements before the failing one were applied; undo them by hand before migrating again.")
      : (transactional
        ? "Nothing was reverted (it ran in a transaction); it is still recorded as run."
        : "It is still recorded as run, but this database cannot roll back schema changes: statements before the failing one were applied.")

    super(`Migration ${file} failed (${direction}) on the '${databaseIdentifier}' database: ${detail}\n${applied}`, {cause})
    this.file = file
    this.databaseIdentifier = databaseIdentifier
  }
}
