import {inspect, type InspectOptions} from "node:util"
import type {PromiseMode} from "./types.js"

const sharedOptions: InspectOptions = {depth: 6, sorted: true, colors: false, maxArrayLength: 100, maxStringLength: 10_000}
const oneLineOptions: InspectOptions = {...sharedOptions, compact: true, breakLength: Infinity}
const multiLineOptions: InspectOptions = {...sharedOptions, compact: false, breakLength: 0}

export function formatValue(value: unknown): string {
  return inspect(value, oneLineOptions)
}

// One entry per line, with a comma after every entry, so adding a last property only shows up as one changed line in a diff.
export function prettyFormat(value: unknown): string {
  const lines = inspect(value, multiLineOptions).split("\n")

  return lines
    .map((line, index) => {
      const next = lines[index + 1]

      if (next === undefined || !/^\s*[}\]]/.test(next) || /[{[,]$/.test(line)) return line

      return `${line},`
    })
    .join("\n")
}

export function truncate(text: string, maxLength: number): string {
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text
}

export function matcherHint(matcherName: string, mode: {isNot: boolean, promise: PromiseMode}, received = "received", expected = "expected"): string {
  const promise = mode.promise ? `.${mode.promise}` : ""
  const not = mode.isNot ? ".not" : ""

  return `expect(${received})${promise}${not}.${matcherName}(${expected})`
}

// How a hint names the arguments a matcher got: toBeTruthy(), toBe(expected), toBeCloseTo(expected, ...).
export function argumentsHint(args: readonly unknown[]): string {
  if (args.length === 0) return ""

  return args.length === 1 ? "expected" : "expected, ..."
}

export function describeType(value: unknown): string {
  if (value === null) return "null"
  if (Array.isArray(value)) return "array"
  if (typeof value === "object") return value.constructor?.name ? `object (${value.constructor.name})` : "object"

  return typeof value
}
