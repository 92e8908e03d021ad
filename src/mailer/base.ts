import path from "node:path"
import Configuration from "../configuration.js"
import {checkKeys} from "../utils/check-keys.js"
import {dasherize} from "../utils/inflection.js"
import {translatorFor} from "../translations/translate.js"
import {renderView} from "../views/view-renderer.js"
import {MissingViewError} from "../views/errors.js"
import {MailerViewError, mailLabel} from "./errors.js"
import {mailOptionKeys, type MailOptions} from "./mail-options.js"
import PendingMail from "./pending-mail.js"
import type {MailMessage} from "./message.js"

export const mailersDirectory = "src/mailers"

/**
 * Base class of the app's mailers (src/mailers/<name>/mailer.js). An action assigns view
 * locals and returns `this.mail({...})`, a PendingMail to deliverNow() or deliverLater().
 * The instance is wrapped so each action call records its arguments: deliverLater() sends
 * those to a worker, which calls the same action again there.
 */
export default class VelociousMailer {
  /** Overrides the name taken from the class (TasksMailer → "tasks"), which picks src/mailers/<name>/. */
  static mailerName?: string

  static getMailerName(): string {
    if (this.mailerName) return this.mailerName

    const base = this.name.replace(/Mailer$/, "")

    if (!base) throw new Error("A mailer class needs a name (class TasksMailer extends VelociousMailer) or a static mailerName")

    return dasherize(base)
  }

  private viewLocals: Record<string, unknown> = {}
  private actionArgs: unknown[] = []
  private configurationOverride: Configuration | undefined

  constructor({configuration}: {configuration?: Configuration} = {}) {
    this.configurationOverride = configuration

    return new Proxy(this, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver)

        if (typeof value !== "function" || typeof property !== "string" || !isAppAction(target, property)) return value

        return function (this: unknown, ...args: unknown[]) {
          target.actionArgs = args

          return value.apply(receiver, args)
        }
      }
    })
  }

  getConfiguration(): Configuration {
    return this.configurationOverride || Configuration.current()
  }

  getMailerName(): string {
    return (this.constructor as typeof VelociousMailer).getMailerName()
  }

  /** Locals for the view, merged with earlier assignments. */
  assignView(locals: Record<string, unknown>): void {
    this.viewLocals = Object.assign({}, this.viewLocals, locals)
  }

  mail(options: MailOptions): PendingMail {
    checkKeys(options, mailOptionKeys, `${this.constructor.name}#mail()`)

    if (!options.actionName) throw new TypeError(`${this.constructor.name}#mail() needs actionName (the action's name, which picks its view)`)
    if (!options.to) throw new TypeError(`${mailLabel(this.getMailerName(), options.actionName)}: mail() needs a recipient (to)`)

    return new PendingMail({mailer: this, options, args: this.actionArgs})
  }

  /** Renders the action's view into the message delivered. */
  async buildMessage(options: MailOptions): Promise<MailMessage> {
    const mailerName = this.getMailerName()
    const {actionName} = options
    const label = mailLabel(mailerName, actionName)

    if (options.actionPromise) {
      try {
        await options.actionPromise
      } catch (error) {
        throw new MailerViewError(`${label}: the actionPromise failed: ${(error as Error)?.message ?? error}`, {mailerName, actionName, cause: error})
      }
    }

    const configuration = this.getConfiguration()
    const file = path.join(configuration.getDirectory(), mailersDirectory, mailerName, `${dasherize(actionName)}.ejs`)
    const displayPath = path.relative(configuration.getDirectory(), file)
    let html: string

    try {
      html = await renderView({
        file,
        displayPath,
        reload: configuration.getEnvironment() === "development",
        locals: {...this.viewLocals, mailer: this, _: translatorFor(configuration)}
      })
    } catch (error) {
      if (error instanceof MissingViewError) {
        throw new MailerViewError(`${label}: missing view ${displayPath}: create it (the action's name, dasherized, .ejs)`, {mailerName, actionName, cause: error})
      }

      throw new MailerViewError(`${label}: the view ${displayPath} failed: ${(error as Error)?.message ?? error}`, {mailerName, actionName, cause: error})
    }

    return {
      to: options.to,
      from: options.from,
      cc: options.cc,
      bcc: options.bcc,
      replyTo: options.replyTo,
      subject: options.subject,
      html,
      text: "",
      attachments: options.attachments || [],
      mailerName,
      actionName
    }
  }
}

/** Whether `name` is a method of the app's mailer subclass (an action), not of VelociousMailer or Object. */
export function isAppAction(mailer: object, name: string): boolean {
  if (name === "constructor") return false

  for (let prototype = Object.getPrototypeOf(mailer); prototype && prototype !== VelociousMailer.prototype && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype)) {
    if (Object.prototype.hasOwnProperty.call(prototype, name)) return true
  }

  return false
}
