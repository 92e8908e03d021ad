import {callerOf} from "./call-site.js"
import {checkTestOptions, type GroupOptions, type TestOptions} from "./test-options.js"
import {newGroup, type HookFunction, type HookKind, type TestFunction, type TestGroup} from "./tree.js"
import ScopedStorage from "../utils/scoped-storage.js"

/**
 * Collects describe/it/hook calls into a tree while test files load. It lives on globalThis
 * so a spec that imports the package through another path (a linked checkout, `src` vs `build`)
 * still registers into the one tree the runner walks.
 */
export class Collector {
  readonly root = newGroup("", {}, undefined)
  private fileGroup: TestGroup | undefined
  // Scoped: once the files are loaded it is off, so tests run with async_hooks as off as the app does.
  private readonly groupContext = new ScopedStorage<TestGroup>()
  private readonly pending: Promise<unknown>[] = []

  currentGroup(): TestGroup {
    return this.groupContext.getStore() || this.fileGroup || this.root
  }

  /** Everything registered from now on until `endFile()` belongs to `file`. */
  beginFile(file: string): TestGroup {
    const group = newGroup("", {}, this.root, {file, line: 0, endLine: Infinity})

    this.root.children.push(group)
    this.fileGroup = group

    return group
  }

  async endFile(): Promise<void> {
    const pending = this.pending.splice(0)

    try {
      await Promise.all(pending)
    } finally {
      this.fileGroup = undefined
    }
  }

  describe(description: string, options: GroupOptions, body: () => unknown, apiFunction: Function): void {
    checkTestOptions(options, `describe("${description}")`)

    const parent = this.currentGroup()
    const site = callerOf(apiFunction)
    const group = newGroup(description, options, parent, {file: site?.file, line: site?.line, endLine: endLineOf(site?.line, body)})

    parent.children.push(group)

    // Run the body inside the group's async context: an async describe body that registers
    // tests after an await still puts them in the right group.
    const result = this.groupContext.run(group, body)

    if (result && typeof (result as Promise<unknown>).then === "function") this.pending.push(result as Promise<unknown>)
  }

  it(description: string, options: TestOptions, fn: TestFunction, apiFunction: Function): void {
    checkTestOptions(options, `it("${description}")`)

    const parent = this.currentGroup()
    const site = callerOf(apiFunction)

    parent.children.push({
      kind: "test",
      description,
      options,
      fn,
      parent,
      file: site?.file,
      line: site?.line ?? 0,
      endLine: endLineOf(site?.line, fn)
    })
  }

  hook(kind: HookKind, fn: HookFunction): void {
    if (typeof fn !== "function") throw new TypeError(`${kind} needs a function, got ${typeof fn}`)

    this.currentGroup().hooks[kind].push(fn)
  }
}

function endLineOf(startLine: number | undefined, fn: Function): number {
  if (!startLine) return 0

  return startLine + fn.toString().split("\n").length - 1
}

const collectorKey = Symbol.for("velocious.testing.collector")
const globalStore = globalThis as unknown as Record<symbol, Collector | undefined>

export function getCollector(): Collector {
  return globalStore[collectorKey] ||= new Collector()
}

/** A fresh tree, for running the runner more than once in a process (its own tests do). */
export function resetCollector(): Collector {
  globalStore[collectorKey] = new Collector()

  return globalStore[collectorKey]
}
