import {consoleSink} from "./console-sink.js"
import {formatLine} from "./format-line.js"
import type {LogLevel} from "./log-levels.js"
import {timedEntryOf, type LogOutput} from "./log-output.js"

/**
 * Console lines leave out the timestamp: terminals and browser devtools show when a line
 * appeared, and process managers that collect stdout stamp lines themselves. Files keep it.
 */
export function consoleOutput({name, levels}: {name: string, levels: readonly LogLevel[]}): LogOutput {
  const output: LogOutput = {
    name,
    levels,
    write(entry) {
      output.writeNow!(timedEntryOf(entry))

      return resolved
    },
    writeNow(entry) {
      const line = formatLine(entry, {withTimestamp: false})

      // Under Node a buffered stdout/stderr writer (node-console-sink.ts), so the line costs no blocking write.
      if (consoleSink()?.write(entry.level, line)) return

      // Looked up per line, not bound once, so anything that swaps console methods later (specs, devtools) sees the output.
      if (entry.level === "error") {
        console.error(line)
      } else if (entry.level === "warn") {
        console.warn(line)
      } else {
        // console.log over console.debug: browsers hide console.debug unless "Verbose" is on.
        console.log(line)
      }
    }
  }

  return output
}

const resolved: Promise<void> = Promise.resolve()
