import path from "node:path"
import {pathToFileURL} from "node:url"
import Configuration from "../configuration.js"
import {findAppFile} from "../utils/app-file.js"
import {registerTypeScriptFor} from "../utils/typescript-loader.js"
import VelociousMailer, {isAppAction, mailersDirectory} from "./base.js"
import type {SerializedMail} from "./deliver-later.js"
import {MailerError, mailLabel} from "./errors.js"
import type {MailMessage} from "./message.js"
import PendingMail from "./pending-mail.js"

/**
 * The worker side of deliverLater(): loads src/mailers/<mailerName>/mailer.(js|ts), calls the
 * action with the serialized args and delivers the mail now. A job that runs this and lets
 * its error propagate gets the jobs' retry policy for free.
 */
export async function performSerializedMail({mailerName, actionName, args}: SerializedMail, configuration: Configuration = Configuration.current()): Promise<MailMessage> {
  const label = mailLabel(mailerName, actionName)

  if (!/^[a-z0-9_][a-z0-9_-]*(\/[a-z0-9_][a-z0-9_-]*)*$/.test(mailerName)) throw new MailerError(`${label}: '${mailerName}' is not a mailer name`, {mailerName, actionName})

  const base = `${mailersDirectory}/${mailerName}/mailer`
  const file = findAppFile(configuration.getDirectory(), base)

  if (!file) throw new MailerError(`${label}: no mailer at ${base}.js (or .ts)`, {mailerName, actionName})

  await registerTypeScriptFor([file])

  const MailerClass = (await import(pathToFileURL(file).href)).default as (new (args?: {configuration?: Configuration}) => VelociousMailer) | undefined

  if (typeof MailerClass !== "function" || !(MailerClass.prototype instanceof VelociousMailer)) {
    throw new MailerError(`${label}: ${path.relative(configuration.getDirectory(), file)} must \`export default class ... extends VelociousMailer\``, {mailerName, actionName})
  }

  const mailer = new MailerClass({configuration})

  if (!isAppAction(mailer, actionName)) throw new MailerError(`${label}: ${MailerClass.name} has no action ${actionName}`, {mailerName, actionName})

  const pending = (mailer as unknown as Record<string, (...actionArgs: unknown[]) => unknown>)[actionName](...args)

  if (!(pending instanceof PendingMail)) throw new MailerError(`${label}: the action must return this.mail({...})`, {mailerName, actionName})

  return await pending.deliverNow()
}
