import Configuration from "../configuration.js"
import {defaultMaxRetries} from "./backoff.js"
import JobStore from "./job-store.js"
import {notifyMain} from "./notify-main.js"
import {serializeJobArgs} from "./serialize-args.js"

export interface EnqueueOptions {
  /** A child process per run (the default), or inline in the worker with `false`. */
  forked?: boolean
  /** Retries after the first failure (default 10). */
  maxRetries?: number
}

const optionKeys = new Set(["forked", "maxRetries"])

/**
 * Persists one job and nudges the main. This is the single way in: VelociousJob.performLater
 * uses it, and so can framework code that enqueues a job it registered by name (mailers).
 * The row is written before anything else, so a job enqueued while no main runs waits for one.
 */
export async function enqueueJob({jobName, args = [], options = {}, configuration, ...rest}: {jobName: string, args?: unknown[], options?: EnqueueOptions, configuration?: Configuration}): Promise<string> {
  const unknown = Object.keys(rest)

  if (unknown.length > 0) throw new Error(`Unknown enqueueJob arguments: ${unknown.join(", ")}; use jobName, args, options, configuration`)

  const unknownOptions = Object.keys(options).filter((key) => !optionKeys.has(key))

  if (unknownOptions.length > 0) throw new Error(`Unknown job options: ${unknownOptions.join(", ")}; use forked and maxRetries`)
  if (!Array.isArray(args)) throw new Error(`Job arguments for ${jobName} must be an array, got ${typeof args}`)

  const maxRetries = options.maxRetries ?? defaultMaxRetries

  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new Error(`maxRetries must be a whole number of 0 or more, got ${maxRetries}`)

  const serialized = serializeJobArgs(jobName, args)
  const current = configuration || Configuration.current()
  const store = JobStore.forConfiguration(current)
  const id = await store.insert({jobName, args: serialized, forked: options.forked ?? true, maxRetries})

  notifyMain(store.settings)

  return id
}
