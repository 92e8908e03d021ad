import path from "node:path"
import {pathToFileURL} from "node:url"
import type Configuration from "../configuration.js"
import {appSourceFiles} from "../utils/app-source-files.js"
import {registerTypeScriptFor} from "../utils/typescript-loader.js"

export const jobsDirectory = "src/jobs"

/** What the registry needs of a job class (VelociousJob and its subclasses). */
export interface JobClass {
  new (): {perform(...args: unknown[]): unknown}
  jobName(): string
}

export class UnknownJobError extends Error {}

const registered = new Map<string, JobClass>()

/**
 * Makes a job runnable by name in this process. App jobs in src/jobs register themselves when
 * workers load them; framework code (mailers, for one) registers its own job classes at import
 * time and enqueues them with enqueueJob({jobName}) or JobClass.performLater().
 */
export function registerJob(jobClass: JobClass, {name = jobClass.jobName()}: {name?: string} = {}): void {
  const existing = registered.get(name)

  if (existing && existing !== jobClass) throw new Error(`Two job classes are named "${name}"; give one of them a static jobName() returning a different name`)
  registered.set(name, jobClass)
}

export function jobClassFor(name: string): JobClass {
  const jobClass = registered.get(name)

  if (!jobClass) throw new UnknownJobError(`No job named "${name}" is registered; define it in ${jobsDirectory}/ (default export extending VelociousJob) or call registerJob()`)

  return jobClass
}

export function registeredJobNames(): string[] {
  return [...registered.keys()].sort()
}

// Jobs the framework itself enqueues (deliverLater()); each module registers its job when imported.
const frameworkJobModules = ["../mailer/mail-delivery-job.js"]

/** Imports the framework's jobs and every job in the app's src/jobs (JavaScript or TypeScript), registering each default export. */
export async function loadAppJobs(configuration: Configuration): Promise<string[]> {
  for (const module of frameworkJobModules) await import(module)

  const files = await appSourceFiles(path.join(configuration.getDirectory(), jobsDirectory))
  const names: string[] = []

  await registerTypeScriptFor(files)

  for (const file of files) {
    const loaded = await import(pathToFileURL(file).href)
    const jobClass = loaded.default

    if (typeof jobClass === "function" && typeof jobClass.jobName === "function" && typeof jobClass.prototype?.perform === "function") {
      registerJob(jobClass)
      names.push(jobClass.jobName())
    }
  }

  return names
}
