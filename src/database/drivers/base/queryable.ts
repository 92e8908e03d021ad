import type {ExecuteResult, Row} from "./base-driver.js"

/** The slice of a driver that introspectors, dumpers and rebuilders need, so they stay testable alone. */
export interface Queryable {
  query<Result extends object = Row>(sql: string, params?: readonly unknown[]): Promise<Result[]>
  execute(sql: string, params?: readonly unknown[]): Promise<ExecuteResult>
  executeScript(sql: string): Promise<void>
  quoteIdentifier(name: string): string
  transaction<Result>(callback: () => Result | Promise<Result>): Promise<Result>
}
