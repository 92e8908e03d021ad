export interface ExpectationFailedDetails {
  matcherName: string
  expected?: unknown
  actual?: unknown
}

export class ExpectationFailedError extends Error {
  matcherName: string
  expected?: unknown
  actual?: unknown

  constructor(message: string, details: ExpectationFailedDetails) {
    super(message)
    this.name = "ExpectationFailedError"
    this.matcherName = details.matcherName
    if ("expected" in details) this.expected = details.expected
    if ("actual" in details) this.actual = details.actual
  }
}

// Thrown when a matcher is used wrongly (e.g. toHaveLength on a number), as opposed to an assertion that does not hold.
export class ExpectationUsageError extends TypeError {
  constructor(message: string) {
    super(message)
    this.name = "ExpectationUsageError"
  }
}
