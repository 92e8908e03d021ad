import {checkKeys} from "../utils/check-keys.js"
import type {MailerBackend, MailMessage} from "./message.js"

/**
 * The options of the deprecated `smtp-connection` package, which nodemailer's SMTP transport
 * took over unchanged (host, port, secure, requireTLS, ignoreTLS, tls, auth, name, timeouts, ...).
 */
export interface SmtpConnectionOptions {
  host?: string
  port?: number
  secure?: boolean
  requireTLS?: boolean
  ignoreTLS?: boolean
  opportunisticTLS?: boolean
  auth?: {user: string, pass: string} | Record<string, unknown>
  authMethod?: string
  tls?: Record<string, unknown>
  name?: string
  localAddress?: string
  connectionTimeout?: number
  greetingTimeout?: number
  socketTimeout?: number
  [option: string]: unknown
}

export interface SmtpMailerBackendArgs {
  connectionOptions: SmtpConnectionOptions
  /** The From: of mails whose mail() call gives no `from` */
  defaultFrom?: string
}

interface Transport {
  sendMail(message: Record<string, unknown>): Promise<unknown>
  close(): void
}

/** Sends mail over SMTP with nodemailer (an optional peer dependency: `npm install nodemailer`). */
export default class SmtpMailerBackend implements MailerBackend {
  private readonly connectionOptions: SmtpConnectionOptions
  private readonly defaultFrom: string | undefined
  private transport: Promise<Transport> | undefined

  constructor(args: SmtpMailerBackendArgs) {
    checkKeys(args, ["connectionOptions", "defaultFrom"], "new SmtpMailerBackend()")

    if (!args.connectionOptions || typeof args.connectionOptions !== "object") throw new TypeError("new SmtpMailerBackend() needs connectionOptions ({host, port, secure, auth: {user, pass}})")

    this.connectionOptions = {...args.connectionOptions}
    this.defaultFrom = args.defaultFrom
  }

  async deliver(message: MailMessage): Promise<unknown> {
    const from = message.from || this.defaultFrom

    if (!from) throw new Error("no sender: pass `from` to mail() or `defaultFrom` to new SmtpMailerBackend()")

    const transport = await this.getTransport()

    return await transport.sendMail({
      from,
      to: message.to,
      cc: message.cc,
      bcc: message.bcc,
      replyTo: message.replyTo,
      subject: message.subject,
      html: message.html,
      text: message.text,
      attachments: message.attachments
    })
  }

  /** Closes pooled connections (a no-op for the default one-connection-per-mail transport). */
  async close(): Promise<void> {
    const transport = this.transport

    this.transport = undefined
    if (transport) (await transport).close()
  }

  private getTransport(): Promise<Transport> {
    this.transport ||= loadNodemailer().then((nodemailer) => nodemailer.createTransport(this.connectionOptions) as Transport)
    this.transport.catch(() => { this.transport = undefined })

    return this.transport
  }
}

async function loadNodemailer(): Promise<{createTransport(options: unknown): unknown}> {
  try {
    const specifier = "nodemailer"
    const loaded = await import(/* @vite-ignore */ specifier)

    return loaded.default || loaded
  } catch (error) {
    throw new Error("SmtpMailerBackend needs the nodemailer package: run `npm install nodemailer` in your app (smtp-connection, which older docs mention, is deprecated)", {cause: error})
  }
}
