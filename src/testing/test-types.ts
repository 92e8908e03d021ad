import type {TestArgs, TestCase} from "./tree.js"

/**
 * A test type (`describe(..., {type: "request"})`) prepares what its tests receive, e.g. a
 * `client` bound to a booted app, and cleans up afterwards.
 */
export interface TestType {
  prepare(args: {test: TestCase, testArgs: TestArgs}): Promise<void> | void
  cleanup?(args: {test: TestCase, testArgs: TestArgs}): Promise<void> | void
}

const typesKey = Symbol.for("velocious.testing.types")
const globalStore = globalThis as unknown as Record<symbol, Map<string, TestType> | undefined>
const testTypes: Map<string, TestType> = globalStore[typesKey] ||= new Map()

export function registerTestType(name: string, type: TestType): void {
  testTypes.set(name, type)
}

export class UnknownTestTypeError extends Error {
  override name = "UnknownTestTypeError"
}

export function getTestType(name: string): TestType {
  const type = testTypes.get(name)

  if (!type) {
    const known = [...testTypes.keys()]
    const list = known.length > 0 ? known.join(", ") : "none registered"

    throw new UnknownTestTypeError(`Unknown test type "${name}" (registered types: ${list})`)
  }

  return type
}
