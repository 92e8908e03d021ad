import type {MailAttachment} from "./message.js"

export interface MailOptions {
  to: string | string[]
  subject: string
  /** The action's name (camelCase); the view is its dasherized form: newNotification → new-notification.ejs */
  actionName: string
  /** Async setup the view waits for (keep the action itself sync so deliverNow()/deliverLater() chain on its result). */
  actionPromise?: Promise<unknown>
  from?: string
  cc?: string | string[]
  bcc?: string | string[]
  replyTo?: string
  attachments?: MailAttachment[]
}

export const mailOptionKeys = ["to", "subject", "actionName", "actionPromise", "from", "cc", "bcc", "replyTo", "attachments"]
