import {prettyFormat} from "./format.js"
import {diffLines, renderDiff} from "./line-diff.js"

const isObject = (value: unknown): value is object => typeof value === "object" && value !== null

// Only multi-line strings and objects get a diff; for anything else the Expected/Received lines already say it all.
export function diffValues(expected: unknown, received: unknown): string | undefined {
  let expectedLines: string[]
  let receivedLines: string[]

  if (typeof expected === "string" && typeof received === "string") {
    if (!expected.includes("\n") && !received.includes("\n")) return undefined

    expectedLines = expected.split("\n")
    receivedLines = received.split("\n")
  } else if (isObject(expected) && isObject(received)) {
    expectedLines = prettyFormat(expected).split("\n")
    receivedLines = prettyFormat(received).split("\n")
  } else {
    return undefined
  }

  const lines = diffLines(expectedLines, receivedLines)

  if (lines.every((line) => line.kind === " ")) return undefined

  return `Difference (- expected, + received):\n\n${renderDiff(lines)}`
}
