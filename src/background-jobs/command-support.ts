export class BackgroundJobsOptionError extends Error {
  override name = "BackgroundJobsOptionError"
}

export function wholeNumberOption(value: unknown, name: string, minimum: number): number | undefined {
  if (value === undefined) return undefined

  const number = Number(value)

  if (!Number.isInteger(number) || number < minimum) throw new BackgroundJobsOptionError(`--${name} must be a whole number of at least ${minimum}, got '${String(value)}'`)

  return number
}

/** Resolves with the first SIGTERM/SIGINT; listening starts at once so a signal during boot is kept. */
export function waitForStopSignal(): {signal: Promise<string>, dispose: () => void} {
  let resolveSignal: (signal: string) => void = () => undefined
  const signal = new Promise<string>((resolve) => { resolveSignal = resolve })
  const onTerm = () => resolveSignal("SIGTERM")
  const onInt = () => resolveSignal("SIGINT")

  process.on("SIGTERM", onTerm)
  process.on("SIGINT", onInt)

  return {signal, dispose: () => {
    process.off("SIGTERM", onTerm)
    process.off("SIGINT", onInt)
  }}
}
