/** An attachment, in nodemailer's shape (so the SMTP backend passes it on unchanged). */
export interface MailAttachment {
  filename: string
  content?: string | Buffer
  path?: string
  contentType?: string
  cid?: string
}

/** A rendered mail, as a delivery handler, a backend and deliveries() see it. */
export interface MailMessage {
  to: string | string[]
  from?: string
  cc?: string | string[]
  bcc?: string | string[]
  replyTo?: string
  subject: string
  html: string
  text: string
  attachments: MailAttachment[]
  mailerName: string
  actionName: string
}

/** What `mailerBackend` must implement; SmtpMailerBackend is one. */
export interface MailerBackend {
  deliver(message: MailMessage): Promise<unknown>
}
