import {inspectValue} from "./inspect-value.js"

/**
 * The message when it can be built without calling anything (no function arguments), so a
 * plain log line is written without a promise; undefined means formatMessages() is needed.
 */
export function formatMessagesNow(messages: readonly unknown[]): string | undefined {
  // The common case, one string, without an array or a join.
  if (messages.length === 1 && typeof messages[0] === "string") return messages[0]

  const parts: string[] = []

  for (const message of messages) {
    if (typeof message === "function") return undefined

    parts.push(inspectValue(message))
  }

  return parts.join(" ")
}

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
