#!/usr/bin/env node
import {runCli} from "../src/cli/index.js"

try {
  const exitCode = await runCli(process.argv.slice(2), {cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr})

  // exitCode instead of exit(): pending stdout writes to a pipe still get flushed.
  process.exitCode = exitCode

  // A test run is over once it has reported: a socket or timer a spec forgot to close must not
  // keep CI waiting. The empty write's callback fires after everything written before it.
  if (process.argv[2] === "test") process.stdout.write("", () => process.exit(exitCode))
} catch (error) {
  process.stderr.write(`${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`)
  if (process.env.VELOCIOUS_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
  process.exitCode = 1
}
