import {testEvents} from "./test-events.js"
import {getTestType} from "./test-types.js"
import {withTimeout} from "./timeout.js"
import {ancestors, eachTest, fullDescription, inheritedOption, skipReason, type HookFunction, type TestArgs, type TestCase, type TestGroup} from "./tree.js"
import {emptyResult, type RunResult} from "./results.js"

/** Test types fill in their entries (like `client`) in `prepare`; until then there are none. */
function emptyTestArgs(): TestArgs {
  return {} as TestArgs
}

export interface RunnerListener {
  testPassed?(test: TestCase): void
  testFailed?(test: TestCase, error: unknown): void
  testSkipped?(test: TestCase, reason: string): void
}

export interface RunnerArgs {
  root: TestGroup
  selected: TestCase[]
  defaultTimeoutSeconds: number
  listener?: RunnerListener
}

/** Walks the tree in definition order, running hooks around the selected tests only. */
export default class TestRunner {
  private readonly root: TestGroup
  private readonly selected: Set<TestCase>
  private readonly defaultTimeoutSeconds: number
  private readonly listener: RunnerListener
  private readonly result: RunResult = emptyResult()
  private currentErrors: unknown[] | undefined
  private readonly strayErrors: unknown[] = []

  constructor({root, selected, defaultTimeoutSeconds, listener}: RunnerArgs) {
    this.root = root
    this.selected = new Set(selected)
    this.defaultTimeoutSeconds = defaultTimeoutSeconds
    this.listener = listener || {}
  }

  async run(): Promise<RunResult> {
    const onStrayError = (error: unknown) => {
      // An error thrown from a timer or an unawaited promise belongs to the running test if any.
      if (this.currentErrors) this.currentErrors.push(error)
      else this.strayErrors.push(error)
    }

    process.on("uncaughtException", onStrayError)
    process.on("unhandledRejection", onStrayError)

    try {
      await this.runGroup(this.root)
    } finally {
      process.off("uncaughtException", onStrayError)
      process.off("unhandledRejection", onStrayError)
    }

    for (const error of this.strayErrors) this.recordFailure({title: "Error outside of any test", error})

    return this.result
  }

  private testsToRun(group: TestGroup): TestCase[] {
    return [...eachTest(group)].filter((test) => this.selected.has(test) && !skipReason(test))
  }

  private async runGroup(group: TestGroup): Promise<void> {
    const runnable = this.testsToRun(group)

    if (runnable.length === 0) {
      for (const test of eachTest(group)) if (this.selected.has(test)) this.skip(test)

      return
    }

    const beforeAllError = await this.runHooks(group.hooks.beforeAll, emptyTestArgs(), `beforeAll in "${groupTitle(group)}"`)

    if (beforeAllError) {
      for (const test of eachTest(group)) {
        if (!this.selected.has(test)) continue
        if (skipReason(test)) this.skip(test)
        else this.fail(test, beforeAllError)
      }
    } else {
      for (const child of group.children) {
        if (child.kind === "group") await this.runGroup(child)
        else if (this.selected.has(child)) await this.runTestWithRetries(child)
      }
    }

    const afterAllError = await this.runHooks(group.hooks.afterAll, emptyTestArgs(), `afterAll in "${groupTitle(group)}"`)

    if (afterAllError) this.recordFailure({title: `afterAll hook in "${groupTitle(group)}"`, file: group.file, line: group.line, error: afterAllError})
  }

  private async runTestWithRetries(test: TestCase): Promise<void> {
    const reason = skipReason(test)

    if (reason) return this.skip(test)

    const retries = inheritedOption(test, "retry") || 0
    const testDescription = fullDescription(test)
    let error: unknown

    for (let attemptNumber = 1; attemptNumber <= retries + 1; attemptNumber++) {
      if (attemptNumber > 1) testEvents.emit("testRetrying", {testDescription, nextAttempt: attemptNumber, error})

      error = await this.runAttempt(test)

      if (attemptNumber > 1) testEvents.emit("testRetried", {testDescription, attemptNumber, passed: !error})
      if (!error) break
    }

    if (error) this.fail(test, error)
    else this.pass(test)
  }

  /** One attempt: beforeEach hooks outermost first, the test, then afterEach hooks innermost first (always). */
  private async runAttempt(test: TestCase): Promise<unknown> {
    const groups = ancestors(test)
    const testArgs = emptyTestArgs()
    const seconds = inheritedOption(test, "timeoutSeconds") || this.defaultTimeoutSeconds
    const title = `Test "${fullDescription(test)}"`
    const errors: unknown[] = []
    const typeName = inheritedOption(test, "type")
    let prepared = false

    this.currentErrors = errors
    testEvents.emit("testStarting", {testDescription: fullDescription(test)})

    try {
      const type = typeName ? getTestType(typeName) : undefined

      if (type) {
        await withTimeout(() => type.prepare({test, testArgs}), seconds, `Preparing ${title}`)
        prepared = true
      }

      for (const group of groups) {
        for (const hook of group.hooks.beforeEach) await withTimeout(() => hook(testArgs), seconds, `beforeEach of ${title}`)
      }

      await withTimeout(() => test.fn(testArgs), seconds, title)
    } catch (error) {
      errors.push(error)
    }

    for (const group of [...groups].reverse()) {
      const hookError = await this.runHooks(group.hooks.afterEach, testArgs, `afterEach of ${title}`, seconds)

      if (hookError) errors.push(hookError)
    }

    if (prepared && typeName) {
      try {
        await getTestType(typeName).cleanup?.({test, testArgs})
      } catch (error) {
        errors.push(error)
      }
    }

    this.currentErrors = undefined

    return errors[0]
  }

  /** Runs every hook even after one fails (cleanup must happen); returns the first error. */
  private async runHooks(hooks: HookFunction[], testArgs: TestArgs, what: string, seconds = this.defaultTimeoutSeconds): Promise<unknown> {
    let firstError: unknown

    for (const hook of hooks) {
      try {
        await withTimeout(() => hook(testArgs), seconds, what)
      } catch (error) {
        firstError ??= error
      }
    }

    return firstError
  }

  private pass(test: TestCase): void {
    this.result.passed++
    this.listener.testPassed?.(test)
  }

  private fail(test: TestCase, error: unknown): void {
    this.recordFailure({title: fullDescription(test), file: test.file, line: test.line, error})
    this.listener.testFailed?.(test, error)
  }

  private skip(test: TestCase): void {
    const reason = skipReason(test) || "skipped"

    this.result.skipped++
    this.result.skips.push({title: fullDescription(test), reason})
    this.listener.testSkipped?.(test, reason)
  }

  private recordFailure(failure: {title: string, file?: string, line?: number, error: unknown}): void {
    this.result.failed++
    this.result.failures.push(failure)
  }
}

function groupTitle(group: TestGroup): string {
  return fullDescription(group) || group.file || "test suite"
}
