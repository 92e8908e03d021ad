import {wholeNumberOption as commandWholeNumberOption} from "../cli/support/command-options.js"

export {waitForStopSignal} from "../cli/support/command-options.js"

export class BackgroundJobsOptionError extends Error {
  override name = "BackgroundJobsOptionError"
}

export function wholeNumberOption(value: unknown, name: string, minimum: number): number | undefined {
  return commandWholeNumberOption(value, name, minimum, BackgroundJobsOptionError)
}
