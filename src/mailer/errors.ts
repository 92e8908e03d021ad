/** Base of every mail error: names the mailer and action so a failure in a job log or a spec says which mail broke. */
export class MailerError extends Error {
  readonly mailerName: string
  readonly actionName: string

  constructor(message: string, {mailerName, actionName, cause}: {mailerName: string, actionName: string, cause?: unknown}) {
    super(message, cause === undefined ? undefined : {cause})
    this.name = new.target.name
    this.mailerName = mailerName
    this.actionName = actionName
  }
}

export class MailerViewError extends MailerError {}
export class MailerDeliveryError extends MailerError {}
export class NoDeliveryMethodError extends MailerError {}
export class BackgroundJobsNotConfiguredError extends MailerError {}

/** `<name> mailer #<action>`, the prefix every mail error message starts with. */
export function mailLabel(mailerName: string, actionName: string): string {
  return `${mailerName} mailer #${actionName}`
}
