import {DatabaseError} from "../drivers/base/errors.js"
import {IrreversibleMigrationError} from "../migration/index.js"

/** Names the migration file and database; the cause keeps the database's message and the SQL. */
export class MigrationFailedError extends DatabaseError {
  override name = "MigrationFailedError"
  readonly file: string
  readonly databaseIdentifier: string

  /** `whyNoTransaction` says why a non-transactional run had no transaction, so the user knows what may be left half done. */
  constructor({file, databaseIdentifier, direction, cause, transactional, whyNoTransaction = "this database cannot roll back schema changes"}: {
    file: string, databaseIdentifier: string, direction: "up" | "down", cause: unknown, transactional: boolean, whyNoTransaction?: string
  }) {
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)
    let applied: string

    if (cause instanceof IrreversibleMigrationError) {
      // Nothing ran, so there is nothing half done to warn about.
      applied = "It is still recorded as run."
    } else if (direction === "up") {
      applied = transactional
        ? "Nothing of it was applied (it ran in a transaction) and it is not recorded as run."
        : `It is not recorded as run, but ${whyNoTransaction}: statements before the failing one were applied; undo them by hand before migrating again.`
    } else {
      applied = transactional
        ? "Nothing was reverted (it ran in a transaction); it is still recorded as run."
        : `It is still recorded as run, but ${whyNoTransaction}: statements before the failing one were applied.`
    }

    super(`Migration ${file} failed (${direction}) on the '${databaseIdentifier}' database: ${detail}\n${applied}`, {cause})
    this.file = file
    this.databaseIdentifier = databaseIdentifier
  }
}
