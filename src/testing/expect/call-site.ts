export type StackSource = Function | string

// Frames below `entry` only, so a failure points at the spec line that made the assertion.
export function captureFrames(entry: Function): string {
  const holder: {stack?: string} = {}

  Error.captureStackTrace(holder, entry)

  return (holder.stack || "").split("\n").filter((line) => line.trimStart().startsWith("at ")).join("\n")
}

export function withStack<E extends Error>(error: E, source: StackSource): E {
  if (typeof source === "function") {
    Error.captureStackTrace(error, source)
  } else {
    error.stack = `${error.name}: ${error.message}\n${source}`
  }

  return error
}
