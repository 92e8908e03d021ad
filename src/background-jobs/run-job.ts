import type Configuration from "../configuration.js"
import {jobClassFor} from "./registry.js"

/** Runs one job's perform() in this process, with database connections pinned for its duration like a request gets. */
export async function runJobInline({configuration, jobName, args}: {configuration: Configuration, jobName: string, args: unknown[]}): Promise<void> {
  const JobClass = jobClassFor(jobName)

  await configuration.ensureConnections(async () => {
    await new JobClass().perform(...args)
  })
}

export function errorReport(error: unknown): {error: string, stack: string | null} {
  // A forked job's error was already reported as "Name: message" by the child.
  if (error instanceof Error && error.name === "ForkedJobError") return {error: error.message, stack: error.stack || null}
  if (error instanceof Error) return {error: `${error.name}: ${error.message}`, stack: error.stack || null}

  return {error: String(error), stack: null}
}
