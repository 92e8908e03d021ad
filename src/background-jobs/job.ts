import {enqueueJob, type EnqueueOptions} from "./enqueue.js"
import {registerJob} from "./registry.js"

/**
 * A background job: subclass it in src/jobs/, define perform(...args), and enqueue with
 * performLater(...args). Arguments travel as JSON to whichever worker runs the job.
 */
export default class VelociousJob {
  /** The name the job is stored and looked up by; the class name unless overridden. */
  static jobName(): string {
    return this.name
  }

  static performLater(...args: unknown[]): Promise<string> {
    return this.performLaterWithOptions({args})
  }

  static performLaterWithOptions({args = [], options = {}, ...rest}: {args?: unknown[], options?: EnqueueOptions}): Promise<string> {
    const unknown = Object.keys(rest)

    if (unknown.length > 0) return Promise.reject(new Error(`Unknown performLaterWithOptions arguments: ${unknown.join(", ")}; use args and options`))
    if (this === VelociousJob) return Promise.reject(new Error("Enqueue a subclass of VelociousJob, not VelociousJob itself"))

    // Registering here lets this process (a test, a console) run what it enqueues without loading src/jobs.
    registerJob(this)

    return enqueueJob({jobName: this.jobName(), args, options})
  }

  async perform(..._args: unknown[]): Promise<unknown> {
    throw new Error(`${this.constructor.name} must define perform(...args)`)
  }
}
