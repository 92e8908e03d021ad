import {getCollector} from "./collector.js"
import type {GroupOptions, TestOptions} from "./test-options.js"
import type {HookFunction, TestFunction} from "./tree.js"

export {expect, ExpectationFailedError} from "./expect/index.js"
export {testEvents} from "./test-events.js"
export {configureTests} from "./test-settings.js"
export type {GroupOptions, TestOptions} from "./test-options.js"
export type {TestArgs} from "./tree.js"

type GroupBody = () => unknown

interface DescribeFunction {
  (description: string, body: GroupBody): void
  (description: string, options: GroupOptions, body: GroupBody): void
  skip: DescribeFunction
  only: DescribeFunction
}

interface ItFunction {
  (description: string, fn?: TestFunction): void
  (description: string, options: TestOptions, fn?: TestFunction): void
  skip: ItFunction
  only: ItFunction
}

function splitArgs<Options, Body>(description: unknown, optionsOrBody: unknown, body: unknown, apiName: string): {options: Options, body: Body | undefined} {
  if (typeof description !== "string") throw new TypeError(`${apiName}() needs a description string first, got ${typeof description}`)

  if (typeof optionsOrBody === "function") return {options: {} as Options, body: optionsOrBody as Body}

  return {options: (optionsOrBody ?? {}) as Options, body: body as Body | undefined}
}

function makeDescribe(extra: GroupOptions): DescribeFunction {
  const describeFunction = function describe(description: string, optionsOrBody?: GroupOptions | GroupBody, maybeBody?: GroupBody) {
    const {options, body} = splitArgs<GroupOptions, GroupBody>(description, optionsOrBody, maybeBody, "describe")

    if (typeof body !== "function") throw new TypeError(`describe("${description}") needs a function that defines its tests`)

    getCollector().describe(description, {...options, ...extra}, body, describeFunction)
  } as DescribeFunction

  return describeFunction
}

function makeIt(extra: TestOptions): ItFunction {
  const itFunction = function it(description: string, optionsOrFn?: TestOptions | TestFunction, maybeFn?: TestFunction) {
    const {options, body} = splitArgs<TestOptions, TestFunction>(description, optionsOrFn, maybeFn, "it")

    // Like RSpec, an `it` without a body is a reminder: reported as skipped, never as passed.
    const testOptions = body ? {...options, ...extra} : {...options, ...extra, skip: "not implemented yet"}

    getCollector().it(description, testOptions, body || (() => undefined), itFunction)
  } as ItFunction

  return itFunction
}

export const describe = makeDescribe({})
describe.skip = makeDescribe({skip: true})
describe.only = makeDescribe({focus: true})
describe.skip.skip = describe.skip
describe.skip.only = describe.only
describe.only.skip = describe.skip
describe.only.only = describe.only

export const it = makeIt({})
it.skip = makeIt({skip: true})
it.only = makeIt({focus: true})
it.skip.skip = it.skip
it.skip.only = it.only
it.only.skip = it.skip
it.only.only = it.only

export const test = it

export function beforeAll(fn: HookFunction): void {
  getCollector().hook("beforeAll", fn)
}

export function afterAll(fn: HookFunction): void {
  getCollector().hook("afterAll", fn)
}

export function beforeEach(fn: HookFunction): void {
  getCollector().hook("beforeEach", fn)
}

export function afterEach(fn: HookFunction): void {
  getCollector().hook("afterEach", fn)
}
