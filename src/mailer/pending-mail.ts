import type VelociousMailer from "./base.js"
import {assertSerializable, enqueueMail} from "./deliver-later.js"
import {deliverMessage} from "./deliver.js"
import type {MailOptions} from "./mail-options.js"
import type {MailMessage} from "./message.js"

/** What an action returns: nothing is rendered or sent until deliverNow() or deliverLater(). */
export default class PendingMail {
  private readonly mailer: VelociousMailer
  private readonly options: MailOptions
  private readonly args: unknown[]

  constructor({mailer, options, args}: {mailer: VelociousMailer, options: MailOptions, args: unknown[]}) {
    this.mailer = mailer
    this.options = options
    this.args = args
  }

  getActionName(): string {
    return this.options.actionName
  }

  /** Renders the view and hands the mail to the delivery handler / backend (and deliveries() in tests). */
  async deliverNow(): Promise<MailMessage> {
    const message = await this.mailer.buildMessage(this.options)

    return await deliverMessage(message, this.mailer.getConfiguration())
  }

  /** Hands {mailerName, actionName, args} to background jobs; a worker calls the action again and delivers it. */
  async deliverLater(): Promise<unknown> {
    // The promise is the caller's own setup; left unobserved it would reject with nobody listening.
    this.options.actionPromise?.catch(() => {})

    const mail = {mailerName: this.mailer.getMailerName(), actionName: this.options.actionName, args: this.args}

    assertSerializable(mail)

    return await enqueueMail(mail, this.mailer.getConfiguration())
  }
}
