import type {LogLevel} from "./log-levels.js"

/**
 * Where console lines go instead of console.log/warn/error when the environment offers
 * something better: the Node environment handler installs buffered stdout/stderr writers.
 * Kept free of Node imports so browser bundles can import the console output.
 */
export interface ConsoleSink {
  /** False when the line should go through console.* after all (see the Node sink). */
  write(level: LogLevel, line: string): boolean
  flush(): Promise<void>
}

let sink: ConsoleSink | undefined

export function setConsoleSink(next: ConsoleSink | undefined): void {
  sink = next
}

export function consoleSink(): ConsoleSink | undefined {
  return sink
}
