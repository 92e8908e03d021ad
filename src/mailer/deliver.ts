import type Configuration from "../configuration.js"
import {deliveryHandler, recordDelivery} from "./deliveries.js"
import {MailerDeliveryError, MailerError, NoDeliveryMethodError, mailLabel} from "./errors.js"
import {htmlToText} from "./html-to-text.js"
import type {MailerBackend, MailMessage} from "./message.js"

/**
 * Where a rendered mail goes: recorded for deliveries() in the test environment, then the
 * delivery handler if one is set, else the configured mailerBackend. Outside tests one of
 * the two is required, so a mail is never dropped silently.
 */
export async function deliverMessage(rendered: MailMessage, configuration: Configuration): Promise<MailMessage> {
  const message: MailMessage = {...rendered, text: rendered.text || htmlToText(rendered.html)}
  const label = mailLabel(message.mailerName, message.actionName)
  const handler = deliveryHandler()
  const backend = configuration.options.mailerBackend as MailerBackend | undefined
  const testing = configuration.getEnvironment() === "test"

  if (backend !== undefined && typeof backend?.deliver !== "function") {
    throw new NoDeliveryMethodError(`${label}: mailerBackend must have a deliver(message) method (e.g. new SmtpMailerBackend({...}))`, {mailerName: message.mailerName, actionName: message.actionName})
  }

  if (testing) recordDelivery(message)

  try {
    if (handler) await handler(message)
    else if (backend) await backend.deliver(message)
    else if (!testing) {
      throw new NoDeliveryMethodError(`${label}: no way to deliver mail in the ${configuration.getEnvironment()} environment: call setDeliveryHandler(async ({to, subject, html}) => ...) or configure mailerBackend`, {mailerName: message.mailerName, actionName: message.actionName})
    }
  } catch (error) {
    if (error instanceof MailerError) throw error

    throw new MailerDeliveryError(`${label}: delivering to ${[message.to].flat().join(", ")} failed: ${(error as Error)?.message ?? error}`, {mailerName: message.mailerName, actionName: message.actionName, cause: error})
  }

  return message
}
