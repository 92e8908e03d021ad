import path from "node:path"
import {inspect} from "node:util"
import {firstFrameIn, isInternalFrame} from "./call-site.js"
import {summaryLine, type RunResult, type TestFailure} from "./results.js"
import type {RunnerListener} from "./runner.js"

export interface ReporterOutput {
  write(text: string): void
}

/** Progress dots while running, then failures with locations, skips by reason and the summary line. */
export default class ProgressReporter implements RunnerListener {
  private column = 0

  constructor(private readonly output: ReporterOutput, private readonly cwd: string) {}

  testPassed(): void {
    this.mark(".")
  }

  testFailed(): void {
    this.mark("F")
  }

  testSkipped(): void {
    this.mark("*")
  }

  finish(result: RunResult, timings: {loadSeconds: number, runSeconds: number}): void {
    const lines: string[] = []

    if (this.column > 0) lines.push("")

    if (result.skips.length > 0) {
      lines.push("", "Skipped:")

      for (const skip of result.skips) lines.push(`  ${skip.title} (${skip.reason})`)
    }

    if (result.failures.length > 0) {
      lines.push("", "Failures:")
      result.failures.forEach((failure, index) => lines.push("", ...this.failureLines(failure, index + 1)))
    }

    lines.push(
      "",
      `Finished in ${timings.runSeconds.toFixed(2)} seconds (files took ${timings.loadSeconds.toFixed(2)} seconds to load)`,
      summaryLine(result)
    )

    this.output.write(`${lines.join("\n")}\n`)
  }

  private mark(character: string): void {
    this.output.write(character)
    this.column++

    if (this.column >= 80) {
      this.output.write("\n")
      this.column = 0
    }
  }

  private relative(file: string): string {
    const relative = path.relative(this.cwd, file)

    return relative.startsWith("..") ? file : relative
  }

  private failureLines(failure: TestFailure, number: number): string[] {
    const lines = [`  ${number}) ${failure.title}`]

    if (failure.file) lines.push(`     ${this.relative(failure.file)}${failure.line ? `:${failure.line}` : ""}`)

    const error = failure.error
    const isError = error instanceof Error
    const message = isError ? `${error.name === "ExpectationFailedError" ? "" : `${error.name}: `}${error.message}` : `Thrown value: ${inspect(error)}`

    for (const line of message.split("\n")) lines.push(`     ${line}`)

    if (isError) {
      const where = failure.file ? firstFrameIn(error.stack, failure.file) : undefined
      const site = where || firstFrameIn(error.stack)

      if (site) lines.push(`     # ${this.relative(site.file)}:${site.line}:${site.column}`)
      if (!where && error.name !== "ExpectationFailedError") lines.push(...stackLines(error))
    }

    return lines
  }
}

function stackLines(error: Error): string[] {
  return (error.stack || "")
    .split("\n")
    .filter((line) => line.trim().startsWith("at ") && !isInternalStackLine(line))
    .slice(0, 8)
    .map((line) => `     ${line.trim()}`)
}

function isInternalStackLine(line: string): boolean {
  const location = /\(([^()]+)\)$/.exec(line.trim())?.[1] || line.trim().slice(3)

  return location.startsWith("node:") || isInternalFrame(location.replace(/^file:\/\//, ""))
}
