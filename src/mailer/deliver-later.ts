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
 * The seam between mailers and background jobs: the jobs system registers a function that
 * enqueues a serialized mail; its worker then calls performSerializedMail(). Until then
 * deliverLater() fails instead of silently dropping the mail.
 */
export function setMailEnqueuer(enqueuer: MailEnqueuer | undefined): void {
  state.enqueuer = enqueuer
}

export async function enqueueMail(mail: SerializedMail): Promise<unknown> {
  if (!state.enqueuer) {
    throw new BackgroundJobsNotConfiguredError(
      `${mailLabel(mail.mailerName, mail.actionName)}: deliverLater() needs background jobs, but background jobs are not configured. Configure backgroundJobs (or call deliverNow())`,
      {mailerName: mail.mailerName, actionName: mail.actionName}
    )
  }

  return await state.enqueuer(mail)
}

export function assertSerializable(mail: SerializedMail): void {
  try {
    const copy = JSON.parse(JSON.stringify(mail.args)) as unknown[]

    if (copy.length !== mail.args.length) throw new Error("length changed")
  } catch (error) {
    throw new TypeError(`${mailLabel(mail.mailerName, mail.actionName)}: deliverLater() arguments must be JSON-serializable (pass ids, not records): ${(error as Error).message}`)
  }
}
