import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"

/** The driver methods every statement with values goes through (query() and execute() use them too). */
const statementMethods = ["queryNow", "queryFirstNow", "executeNow"] as const

type StatementMethod = (this: BaseDriver, sql: string, params: readonly unknown[]) => unknown

/** Calls `onStatement` with the SQL of each statement `db` sends while `callback` runs. */
export async function watchStatements(db: BaseDriver, onStatement: (sql: string, params: readonly unknown[]) => void, callback: () => Promise<unknown>): Promise<void> {
  const patched = db as unknown as {[name: string]: StatementMethod}

  for (const name of statementMethods) {
    const original = patched[name]

    patched[name] = function(this: BaseDriver, sql: string, params: readonly unknown[]) {
      onStatement(sql, params)

      return original.call(this, sql, params)
    }
  }

  try {
    await callback()
  } finally {
    // The originals live on the prototype; dropping the own properties brings them back.
    for (const name of statementMethods) delete patched[name]
  }
}
