import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import type Configuration from "velocious/build/src/configuration.js"

export interface CapturedConsole {
  log: string[]
  warn: string[]
  error: string[]
}

export function makeTmpDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "velocious-logger-spec-"))
}

export async function captureConsole(run: () => Promise<unknown>): Promise<CapturedConsole> {
  const captured: CapturedConsole = {log: [], warn: [], error: []}
  const original = {log: console.log, warn: console.warn, error: console.error}

  console.log = (...args: unknown[]) => { captured.log.push(args.join(" ")) }
  console.warn = (...args: unknown[]) => { captured.warn.push(args.join(" ")) }
  console.error = (...args: unknown[]) => { captured.error.push(args.join(" ")) }

  try {
    await run()
  } finally {
    Object.assign(console, original)
  }

  return captured
}

export async function captureStderr(run: () => Promise<unknown>): Promise<string[]> {
  const captured: string[] = []
  const original = process.stderr.write

  process.stderr.write = ((chunk: string | Uint8Array) => {
    captured.push(String(chunk))

    return true
  }) as typeof process.stderr.write

  try {
    await run()
  } finally {
    process.stderr.write = original
  }

  return captured
}

export function readLines(file: string): string[] {
  return fs.readFileSync(file, "utf8").split("\n").filter((line) => line !== "")
}

// The Node handler keeps append streams open; close them so temp directories can go.
export async function closeLogFiles(configuration: Configuration): Promise<void> {
  await configuration.getEnvironmentHandler().closeLogFiles()
}

export async function catchError(run: () => unknown): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }

  throw new Error("Expected an error, but nothing was thrown")
}

const currentConfigurationKey = Symbol.for("velocious.configuration.current")

/** Runs with no current configuration, restoring whatever the runner had set. */
export async function withoutCurrentConfiguration(run: () => Promise<unknown>): Promise<void> {
  const store = globalThis as unknown as Record<symbol, unknown>
  const previous = store[currentConfigurationKey]

  delete store[currentConfigurationKey]

  try {
    await run()
  } finally {
    store[currentConfigurationKey] = previous
  }
}

export async function withCurrentConfiguration(configuration: Configuration, run: () => Promise<unknown>): Promise<void> {
  const store = globalThis as unknown as Record<symbol, unknown>
  const previous = store[currentConfigurationKey]

  configuration.setCurrent()

  try {
    await run()
  } finally {
    store[currentConfigurationKey] = previous
  }
}

/** Strips the ISO timestamp so file lines can be compared exactly. */
export function withoutTimestamps(lines: string[]): string[] {
  return lines.map((line) => line.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /, ""))
}
