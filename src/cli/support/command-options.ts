type OptionErrorClass = new (message: string) => Error

export class CommandOptionError extends Error {
  override name = "CommandOptionError"
}

/** A `--name` value that must be a whole number of at least `minimum`; undefined when not given. */
export function wholeNumberOption(value: unknown, name: string, minimum: number, ErrorClass: OptionErrorClass = CommandOptionError): number | undefined {
  if (value === undefined) return undefined

  const number = Number(value)

  if (!Number.isInteger(number) || number < minimum) throw new ErrorClass(`--${name} must be a whole number of at least ${minimum}, got '${String(value)}'`)

  return number
}

/**
 * Resolves with the first SIGTERM/SIGINT. Listening starts at once, so a signal that arrives
 * while the command boots is kept and a quick SIGTERM still shuts down cleanly.
 */
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
