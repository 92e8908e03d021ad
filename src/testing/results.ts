export interface TestFailure {
  /** Full test name, or a description of the hook or file that failed. */
  title: string
  file?: string
  line?: number
  error: unknown
}

export interface TestSkip {
  title: string
  reason: string
}

export interface RunResult {
  passed: number
  failed: number
  skipped: number
  failures: TestFailure[]
  skips: TestSkip[]
}

export function emptyResult(): RunResult {
  return {passed: 0, failed: 0, skipped: 0, failures: [], skips: []}
}

/** The closing line CI and people read: `N passed, M failed` plus `, K skipped` when any were. */
export function summaryLine(result: RunResult): string {
  const line = `${result.passed} passed, ${result.failed} failed`

  return result.skipped > 0 ? `${line}, ${result.skipped} skipped` : line
}
