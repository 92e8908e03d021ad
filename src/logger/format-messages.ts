import {inspectValue} from "./inspect-value.js"

/**
 * Joins the arguments of a log call into one message. A function argument is called here,
 * and only here, so expensive messages cost nothing when no output wants the line; it may
 * return a value, an array of values (logged like separate arguments) or a promise of either.
 */
export async function formatMessages(messages: readonly unknown[]): Promise<string> {
  const parts: string[] = []

  for (const message of messages) {
    if (typeof message !== "function") {
      parts.push(inspectValue(message))
      continue
    }

    try {
      const result = await message()
      const values = Array.isArray(result) ? result : [result]

      for (const value of values) parts.push(inspectValue(value))
    } catch (error) {
      // A broken message must not take the log call (or the process) down with it.
      parts.push(`[log message function threw: ${inspectValue(error)}]`)
    }
  }

  return parts.join(" ")
}
