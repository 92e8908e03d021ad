import type Configuration from "../configuration.js"
import {BackgroundJobsNotConfiguredError, mailLabel} from "./errors.js"

/** What deliverLater() hands to background jobs: enough to rebuild the mail in a worker. Args must be JSON-serializable. */
export interface SerializedMail {
  mailerName: string
  actionName: string
  args: unknown[]
}

export type MailEnqueuer = (mail: SerializedMail) => unknown | Promise<unknown>

const enqueuerKey = Symbol.for("velocious.mailer.enqueuer")
const globalStore = globalThis as unknown as Record<symbol, {enqueuer: MailEnqueuer | undefined} | undefined>
const state = globalStore[enqueuerKey] ||= {enqueuer: undefined}

/**
 * Replaces how deliverLater() enqueues (an app with a queue of its own); undefined goes back to
 * the default, a MailDeliveryJob in Velocious' background jobs, whose worker calls
 * performSerializedMail().
 */
export function setMailEnqueuer(enqueuer: MailEnqueuer | undefined): void {
  state.enqueuer = enqueuer
}

export async function enqueueMail(mail: SerializedMail, configuration: Configuration): Promise<unknown> {
  if (state.enqueuer) return await state.enqueuer(mail)

  if (!configuration.options.database) {
    throw new BackgroundJobsNotConfiguredError(
      `${mailLabel(mail.mailerName, mail.actionName)}: deliverLater() needs background jobs, but background jobs are not configured: they keep their queue in the app's database, and this configuration has no \`database\`. Configure one (or call deliverNow())`,
      {mailerName: mail.mailerName, actionName: mail.actionName}
    )
  }

  // Loaded here: the jobs layer imports the mailer's job module, which imports this one.
  const [{enqueueJob}, {default: MailDeliveryJob}] = await Promise.all([import("../background-jobs/enqueue.js"), import("./mail-delivery-job.js")])

  return await enqueueJob({jobName: MailDeliveryJob.jobName(), args: [mail], options: {forked: false}, configuration})
}

export function assertSerializable(mail: SerializedMail): void {
  try {
    const copy = JSON.parse(JSON.stringify(mail.args)) as unknown[]

    if (copy.length !== mail.args.length) throw new Error("length changed")
  } catch (error) {
    throw new TypeError(`${mailLabel(mail.mailerName, mail.actionName)}: deliverLater() arguments must be JSON-serializable (pass ids, not records): ${(error as Error).message}`)
  }
}
