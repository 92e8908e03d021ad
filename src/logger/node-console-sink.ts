import {bufferedWriter, type BufferedWriter} from "./buffered-writer.js"
import type {ConsoleSink} from "./console-sink.js"
import {reportLoggingProblemOnce} from "./report-logging-problem.js"

/**
 * Console lines written to fds 1 and 2 through buffered writers, so a request never waits for a
 * terminal or a pipe. Used only while console.log/warn/error are the ones this process started
 * with: specs, devtools and apps that replace them still get every line through them.
 */
export function nodeConsoleSink(): ConsoleSink {
  const original = {log: console.log, warn: console.warn, error: console.error}
  let stdout: BufferedWriter | undefined
  let stderr: BufferedWriter | undefined
  const reportKey = {}

  const onError = (stream: string) => (error: Error) => {
    reportLoggingProblemOnce(reportKey, `Velocious console logging to ${stream} failed, so console lines are being lost; further failures will not be reported: ${String(error)}`)
  }

  return {
    write(level, line) {
      if (level === "error" || level === "warn") {
        if (console[level] !== original[level]) return false

        stderr ||= bufferedWriter({name: "stderr", fd: 2, onError: onError("stderr")})
        stderr.writeLine(line)
      } else {
        if (console.log !== original.log) return false

        stdout ||= bufferedWriter({name: "stdout", fd: 1, onError: onError("stdout")})
        stdout.writeLine(line)
      }

      return true
    },
    async flush() {
      await Promise.all([stdout?.flush(), stderr?.flush()])
    }
  }
}
