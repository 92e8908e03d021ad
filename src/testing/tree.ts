import type RequestClient from "./request/request-client.js"
import type {GroupOptions, TestOptions} from "./test-options.js"

export type HookKind = "beforeAll" | "afterAll" | "beforeEach" | "afterEach"
export type HookFunction = (args: TestArgs) => unknown
export type TestFunction = (args: TestArgs) => unknown

/**
 * What a test callback receives. Test types add their own entries; `client` is typed here
 * because request tests are the common case in apps, so `async ({client}) => ...` type-checks
 * without a cast (it is undefined outside `{type: "request"}` groups). Apps with test types of
 * their own can add entries by declaration merging on this interface.
 */
export interface TestArgs {
  client: RequestClient
  [name: string]: unknown
}

interface NodeBase {
  description: string
  parent: TestGroup | undefined
  file: string | undefined
  line: number
  /** Best guess at the last line of the block, from the callback's source length; used by `file:line` filters. */
  endLine: number
}

export interface TestGroup extends NodeBase {
  kind: "group"
  options: GroupOptions
  children: (TestGroup | TestCase)[]
  hooks: Record<HookKind, HookFunction[]>
}

export interface TestCase extends NodeBase {
  kind: "test"
  options: TestOptions
  fn: TestFunction
}

export function newGroup(description: string, options: GroupOptions, parent: TestGroup | undefined, location?: {file?: string, line?: number, endLine?: number}): TestGroup {
  return {
    kind: "group",
    description,
    options,
    parent,
    children: [],
    hooks: {beforeAll: [], afterAll: [], beforeEach: [], afterEach: []},
    file: location?.file,
    line: location?.line ?? 0,
    endLine: location?.endLine ?? 0
  }
}

export function ancestors(node: TestGroup | TestCase): TestGroup[] {
  const chain: TestGroup[] = []

  for (let group = node.parent; group; group = group.parent) chain.unshift(group)

  return chain
}

export function fullDescription(node: TestGroup | TestCase): string {
  return [...ancestors(node), node].map((each) => each.description).filter(Boolean).join(" ")
}

export function effectiveTags(node: TestGroup | TestCase): Set<string> {
  const tags = new Set<string>()

  for (const each of [...ancestors(node), node]) for (const tag of each.options.tags || []) tags.add(tag)

  return tags
}

/** The nearest `option` set on the test or one of its groups. */
export function inheritedOption<Key extends keyof TestOptions>(node: TestCase, key: Key): TestOptions[Key] | undefined {
  for (let each: TestGroup | TestCase | undefined = node; each; each = each.parent) {
    if (each.options[key] !== undefined) return each.options[key]
  }

  return undefined
}

export function isFocused(node: TestCase): boolean {
  return Boolean(inheritedOption(node, "focus"))
}

export function skipReason(node: TestCase): string | undefined {
  const skip = inheritedOption(node, "skip")

  if (!skip) return undefined

  return typeof skip === "string" ? skip : "skipped"
}

export function* eachTest(group: TestGroup): Generator<TestCase> {
  for (const child of group.children) {
    if (child.kind === "test") yield child
    else yield* eachTest(child)
  }
}
