import type {LogLevel} from "../configuration/options.js"

export type {LogLevel}

export const logLevels: readonly LogLevel[] = ["debug", "info", "warn", "error"]

// Debug lines are usually noisy or expensive, so they stay off unless asked for.
export const defaultLogLevels: readonly LogLevel[] = ["info", "warn", "error"]

export class UnknownLogLevelError extends Error {
  override name = "UnknownLogLevelError"
}

export function checkLogLevels(levels: unknown, where: string): LogLevel[] {
  if (!Array.isArray(levels)) {
    throw new UnknownLogLevelError(`${where} needs \`levels\` as an array such as ["info", "warn", "error"], got ${typeof levels}`)
  }

  for (const level of levels) {
    if (!logLevels.includes(level)) {
      throw new UnknownLogLevelError(`Unknown log level '${String(level)}' given to ${where}. Use any of: ${logLevels.join(", ")}`)
    }
  }

  return [...levels]
}
