import VelociousJob from "../background-jobs/job.js"
import {registerJob} from "../background-jobs/registry.js"
import type {SerializedMail} from "./deliver-later.js"
import {performSerializedMail} from "./perform-serialized-mail.js"

/**
 * deliverLater()'s job: the worker rebuilds the mail from `{mailerName, actionName, args}` and
 * delivers it now. Its errors propagate, so a failed delivery gets the jobs' retries and backoff.
 * Not forked: rendering and sending a mail needs no process of its own.
 */
export default class MailDeliveryJob extends VelociousJob {
  static override jobName(): string {
    return "Velocious.MailDelivery"
  }

  override async perform(mail: unknown): Promise<void> {
    await performSerializedMail(mail as SerializedMail)
  }
}

// Workers import this module with the app's jobs (registry's frameworkJobModules), so they can run it by name.
registerJob(MailDeliveryJob)
