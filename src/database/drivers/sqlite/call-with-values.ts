/**
 * Calls a better-sqlite3 statement method (run, all, get) with the values as separate
 * arguments. `statement.run(...values)` costs about 90 ns more per call than listing them: V8
 * cannot optimize a spread into a native function, and an insert in a transaction takes little
 * more than a microsecond in all. Up to six values (most statements) are passed one by one.
 */
export function callWithValues<Result>(method: (...values: unknown[]) => Result, statement: object, values: readonly unknown[]): Result {
  switch (values.length) {
    case 0: return method.call(statement)
    case 1: return method.call(statement, values[0])
    case 2: return method.call(statement, values[0], values[1])
    case 3: return method.call(statement, values[0], values[1], values[2])
    case 4: return method.call(statement, values[0], values[1], values[2], values[3])
    case 5: return method.call(statement, values[0], values[1], values[2], values[3], values[4])
    case 6: return method.call(statement, values[0], values[1], values[2], values[3], values[4], values[5])
    default: return method.apply(statement, values as unknown[])
  }
}
