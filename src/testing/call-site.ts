import {fileURLToPath} from "node:url"

export interface CallSite {
  file: string
  line: number
  column: number
}

// "at fn (/path/file.ts:3:5)", "at /path/file.ts:3:5" or "at file:///path/file.js:3:5"; node: frames never match.
const framePattern = /(?:^at |\()((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):(\d+):(\d+)\)?$/

function toPath(location: string): string {
  return location.startsWith("file://") ? fileURLToPath(location) : location
}

export function parseStackFrames(stack: string | undefined): CallSite[] {
  if (!stack) return []

  const frames: CallSite[] = []

  for (const rawLine of stack.split("\n")) {
    const line = rawLine.trim()

    if (!line.startsWith("at ")) continue

    const match = framePattern.exec(line)

    if (match) frames.push({file: toPath(match[1]), line: Number(match[2]), column: Number(match[3])})
  }

  return frames
}

/** The first stack frame that lies in `file` (or, without one, outside this package's own build and src). */
export function firstFrameIn(stack: string | undefined, file?: string): CallSite | undefined {
  const frames = parseStackFrames(stack)

  if (file) return frames.find((frame) => frame.file === file)

  return frames.find((frame) => !isInternalFrame(frame.file))
}

const packageRoot = fileURLToPath(new URL("../../../", import.meta.url))

export function isInternalFrame(file: string): boolean {
  return file.startsWith("node:") || file.includes("/node_modules/") || file.startsWith(`${packageRoot}build/src/`)
}

/** Where the function that called `describe`/`it` lives; `skip` is the API function to look past. */
export function callerOf(skip: Function): CallSite | undefined {
  const holder: {stack?: string} = {}
  const previousLimit = Error.stackTraceLimit

  Error.stackTraceLimit = 4
  Error.captureStackTrace(holder, skip)
  Error.stackTraceLimit = previousLimit

  return parseStackFrames(holder.stack)[0]
}
