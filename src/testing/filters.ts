import {eachTest, effectiveTags, fullDescription, isFocused, type TestCase, type TestGroup} from "./tree.js"

export interface TestFilters {
  includeTags: string[]
  excludeTags: string[]
  /** From --example / --name: substrings, or regexes written as `/source/flags`. */
  examples: (string | RegExp)[]
  /** Absolute file path → line numbers from `file:line` arguments. */
  locations: Map<string, number[]>
}

export function emptyFilters(): TestFilters {
  return {includeTags: [], excludeTags: [], examples: [], locations: new Map()}
}

export function parseExamplePattern(pattern: string): string | RegExp {
  const regexMatch = /^\/(.+)\/([dgimsuvy]*)$/s.exec(pattern)

  if (!regexMatch) return pattern

  try {
    return new RegExp(regexMatch[1], regexMatch[2])
  } catch (error) {
    throw new Error(`--example "${pattern}" is not a valid regular expression: ${(error as Error).message}`)
  }
}

/** Comma lists and repeated flags both work: `--include-tag a,b --include-tag c`. */
export function splitList(values: string[] | undefined): string[] {
  return (values || []).flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean)
}

function matchesExample(test: TestCase, examples: (string | RegExp)[]): boolean {
  const description = fullDescription(test)

  return examples.some((example) => typeof example === "string" ? description.includes(example) : example.test(description))
}

type TreeNode = TestGroup | TestCase

function nodesOf(group: TestGroup, file: string, into: TreeNode[] = []): TreeNode[] {
  for (const child of group.children) {
    if (child.file === file && child.line > 0) into.push(child)
    if (child.kind === "group") nodesOf(child, file, into)
  }

  return into
}

/**
 * The block a `file:line` points at, as RSpec reads it: the innermost test or group whose
 * lines enclose `line`, else the last one that starts before it.
 */
function nodeAtLine(root: TestGroup, file: string, line: number): TreeNode | undefined {
  const nodes = nodesOf(root, file)
  let enclosing: TreeNode | undefined

  for (const node of nodes) {
    if (node.line <= line && line <= node.endLine) enclosing = node
  }

  if (enclosing) return enclosing

  let before: TreeNode | undefined

  for (const node of nodes) {
    if (node.line <= line && (!before || node.line >= before.line)) before = node
  }

  return before
}

function testsAtLocations(root: TestGroup, locations: Map<string, number[]>): Set<TestCase> {
  const selected = new Set<TestCase>()

  for (const [file, lines] of locations) {
    for (const line of lines) {
      const node = nodeAtLine(root, file, line)

      if (!node) continue
      if (node.kind === "test") selected.add(node)
      else for (const test of eachTest(node)) selected.add(test)
    }
  }

  return selected
}

/**
 * Location and example filters narrow the set; tag inclusion narrows it further but focused
 * tests always stay; without tag inclusion, any focused test means only focused tests run;
 * tag exclusion has the last word.
 */
export function selectTests(root: TestGroup, filters: TestFilters): TestCase[] {
  let candidates = [...eachTest(root)]

  if (filters.locations.size > 0) {
    const atLocations = testsAtLocations(root, filters.locations)

    candidates = candidates.filter((test) => !filters.locations.has(test.file || "") || atLocations.has(test))
  }

  if (filters.examples.length > 0) candidates = candidates.filter((test) => matchesExample(test, filters.examples))

  const excluded = new Set(filters.excludeTags)

  candidates = candidates.filter((test) => ![...effectiveTags(test)].some((tag) => excluded.has(tag)))

  if (filters.includeTags.length > 0) {
    const included = new Set(filters.includeTags)

    return candidates.filter((test) => isFocused(test) || [...effectiveTags(test)].some((tag) => included.has(tag)))
  }

  const focused = candidates.filter(isFocused)

  return focused.length > 0 ? focused : candidates
}
