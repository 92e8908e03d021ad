import {fork} from "node:child_process"
import {fileURLToPath} from "node:url"

const runner = fileURLToPath(new URL("./forked-job-runner.js", import.meta.url))

export class ForkedJobError extends Error {
  constructor(message: string, readonly childStack: string | null) {
    super(message)
    this.name = "ForkedJobError"
  }
}

/**
 * Runs one job in its own Node process, which boots the app like a worker does, so a job that
 * leaks memory, blocks the event loop or crashes takes only itself down. Resolves or rejects
 * with the child's outcome; a child that dies without one is a failure naming its exit.
 */
export function runForkedJob({directory, jobName, args}: {directory: string, jobName: string, args: unknown[]}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(runner, [], {cwd: directory, stdio: ["ignore", "inherit", "inherit", "ipc"]})
    let outcome: {ok: true} | {ok: false, error: string, stack: string | null} | undefined

    child.on("message", (message: typeof outcome) => {
      outcome = message
    })
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      if (outcome?.ok) resolve()
      else if (outcome) {
        const error = new ForkedJobError(outcome.error, outcome.stack)

        // The stack worth storing is the child's, where perform() threw.
        if (outcome.stack) error.stack = outcome.stack
        reject(error)
      } else reject(new ForkedJobError(`Forked job ${jobName} exited (${signal || `code ${code}`}) without reporting a result`, null))
    })
    child.send({jobName, args})
  })
}
