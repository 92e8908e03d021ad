import type pg from "pg"

type ParsedStatements = Record<string, string>

/**
 * pg remembers, per connection, which statement names it has parsed (`connection.parsedStatements`,
 * an internal of pg's Client/Query: see node_modules/pg/lib/query.js and client.js) so it skips the
 * Parse step the next time. It never forgets a name, so a long-running server preparing many
 * distinct statements would grow that map without bound. Guarded: if a pg release renames it, the
 * driver keeps working and the spec that checks the map stays bounded fails.
 */
export function pgParsedStatements(connection: unknown): ParsedStatements | undefined {
  const parsed = (connection as {parsedStatements?: unknown} | undefined)?.parsedStatements

  return parsed !== null && typeof parsed === "object" ? parsed as ParsedStatements : undefined
}

/**
 * Closes prepared statements on the server, queued on the client like any query (pg runs its
 * queue in order, so every statement queued earlier has finished with these names by then).
 *
 * The protocol's Close message rather than `DEALLOCATE`: Close is accepted inside a transaction
 * that already failed and ignores a name the server does not have (a statement whose Parse
 * failed), where DEALLOCATE would raise an error and abort the app's transaction.
 */
export class PgsqlStatementCloser implements pg.Submittable {
  private finished = false

  constructor(private names: readonly string[], private onDone?: () => void) {}

  submit(connection: pg.Connection): void {
    const parsed = pgParsedStatements(connection)

    connection.stream.cork?.()

    try {
      for (const name of this.names) {
        connection.close({type: "S", name}, true)
        // Names are never reused, so nothing queued later will look for these.
        if (parsed) delete parsed[name]
      }

      connection.sync()
    } finally {
      connection.stream.uncork?.()
    }
  }

  handleReadyForQuery(): void {
    this.finish()
  }

  /**
   * Close cannot fail on a live session, so an error here means the session is gone, and its
   * prepared statements with it; the statement that notices reports the lost connection.
   */
  handleError(): void {
    this.finish()
  }

  // Close answers with CloseComplete only, which pg's Client ignores; these are here because the
  // Client calls them on whatever query is active if the server ever sent more.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}
  handleCopyData(): void {}

  private finish(): void {
    if (this.finished) return

    this.finished = true
    this.onDone?.()
  }
}
