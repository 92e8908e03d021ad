import fs from "node:fs"
import net from "node:net"
import path from "node:path"
import {fileURLToPath} from "node:url"
import {SMTPServer, type SMTPServerSession} from "smtp-server"
import Configuration from "velocious/build/src/configuration.js"
import {MailerDeliveryError, SmtpMailerBackend, deliveries} from "velocious/build/src/mailer.js"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import TasksMailer from "./fixtures/app/src/mailers/tasks/mailer.js"

const here = path.dirname(fileURLToPath(import.meta.url))
const appDirectory = path.join(here, "fixtures/app")
// A self-signed certificate for localhost / 127.0.0.1 (openssl req -x509 ... -days 36500), trusted below through `ca`.
const key = fs.readFileSync(path.join(here, "fixtures/tls/key.pem"))
const cert = fs.readFileSync(path.join(here, "fixtures/tls/cert.pem"))
const user = {name: "Kasper", email: "kasper@example.com"}

interface Received {
  from: string | false
  to: string[]
  raw: string
  secure: boolean
  user: unknown
}

describe("SmtpMailerBackend against a real SMTP server", () => {
  let server: SMTPServer
  let port: number
  const received: Received[] = []

  beforeAll(async () => {
    server = new SMTPServer({
      key,
      cert,
      authMethods: ["PLAIN", "LOGIN"],
      logger: false,
      // Refuse AUTH on a plain connection, so a passing test proves STARTTLS happened first.
      allowInsecureAuth: false,
      onAuth(auth, _session, callback) {
        if (auth.username === "smtp-user" && auth.password === "smtp-pass") return callback(null, {user: auth.username})

        callback(new Error("Invalid username or password"))
      },
      onRcptTo(address, _session, callback) {
        if (address.address === "rejected@example.com") {
          const error = new Error("Mailbox unavailable") as Error & {responseCode: number}

          error.responseCode = 550

          return callback(error)
        }

        callback()
      },
      onData(stream, session: SMTPServerSession, callback) {
        const chunks: Buffer[] = []

        stream.on("data", (chunk: Buffer) => chunks.push(chunk))
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom && session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((address) => address.address),
            raw: Buffer.concat(chunks).toString("utf8"),
            secure: session.secure,
            user: session.user
          })
          callback()
        })
      }
    })
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject)
      server.listen(0, "127.0.0.1", () => resolve())
    })
    port = ((server as unknown as {server: net.Server}).server.address() as net.AddressInfo).port
  })

  afterAll(async () => {
    await new Promise<void>((resolve) => server ? server.close(() => resolve()) : resolve())
  })

  function backend(connectionOptions: Record<string, unknown> = {}): SmtpMailerBackend {
    return new SmtpMailerBackend({
      // The README's smtp-connection shape, passed to nodemailer as is.
      connectionOptions: {
        host: "127.0.0.1",
        port,
        secure: false,
        requireTLS: true,
        tls: {ca: [cert], servername: "localhost"},
        auth: {user: "smtp-user", pass: "smtp-pass"},
        connectionTimeout: 3000,
        ...connectionOptions
      },
      defaultFrom: "noreply@example.com"
    })
  }

  function configuration(mailerBackend: SmtpMailerBackend, environment = "production"): Configuration {
    return new Configuration({directory: appDirectory, environment, logging: {console: false}, mailerBackend})
  }

  it("sends over STARTTLS with AUTH: HTML, a text part and attachments", async () => {
    received.length = 0
    await new TasksMailer({configuration: configuration(backend())}).withAttachment(user).deliverNow()

    expect(received.length).toEqual(1)

    const [mail] = received

    expect(mail.secure).toBe(true)
    expect(mail.user).toEqual("smtp-user")
    expect(mail.from).toEqual("noreply@example.com")
    expect(mail.to).toEqual(["kasper@example.com"])
    expect(mail.raw).toMatch(/^Subject: Report\r$/m)
    expect(mail.raw).toMatch(/Content-Type: text\/plain/)
    expect(mail.raw).toMatch(/Content-Type: text\/html/)
    expect(mail.raw).toContain("Hello Kasper")
    expect(mail.raw).toMatch(/Content-Type: text\/csv; name=report\.csv/)
    expect(mail.raw).toMatch(/filename=report\.csv/)
    expect(mail.raw).toContain(Buffer.from("id,name\n1,Report\n").toString("base64"))
  })

  it("also records the mail for deliveries() in the test environment", async () => {
    received.length = 0
    await new TasksMailer({configuration: configuration(backend(), "test")}).newNotification({id: 3}, user).deliverNow()

    expect(received.length).toEqual(1)
    expect(deliveries().map((mail) => mail.subject)).toEqual(["New task"])
  })

  it("names mailer and action when the credentials are wrong", async () => {
    const promise = new TasksMailer({configuration: configuration(backend({auth: {user: "smtp-user", pass: "wrong"}}))}).newNotification({id: 3}, user).deliverNow()

    await expect(promise).rejects.toThrow(/tasks mailer #newNotification: delivering to kasper@example.com failed: .*Invalid username or password/)
  })

  it("names mailer and action when the server rejects the recipient", async () => {
    const promise = new TasksMailer({configuration: configuration(backend())}).newNotification({id: 3}, {name: "Nobody", email: "rejected@example.com"}).deliverNow()

    await expect(promise).rejects.toThrow(MailerDeliveryError)
    await expect(new TasksMailer({configuration: configuration(backend())}).newNotification({id: 3}, {name: "Nobody", email: "rejected@example.com"}).deliverNow())
      .rejects.toThrow(/tasks mailer #newNotification: delivering to rejected@example.com failed: .*Mailbox unavailable/)
  })

  it("names mailer and action when the SMTP server is unreachable", async () => {
    // A port that was free a moment ago: nothing listens there.
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const {port: freePort} = probe.address() as net.AddressInfo

        probe.close(() => resolve(freePort))
      })
    })
    const promise = new TasksMailer({configuration: configuration(backend({port: closedPort}))}).newNotification({id: 3}, user).deliverNow()

    await expect(promise).rejects.toThrow(/tasks mailer #newNotification: delivering to kasper@example.com failed: .*ECONNREFUSED/)
  })

  it("refuses to send without a sender, and unknown constructor options", async () => {
    const noFrom = new SmtpMailerBackend({connectionOptions: {host: "127.0.0.1", port}})

    await expect(new TasksMailer({configuration: configuration(noFrom)}).newNotification({id: 3}, user).deliverNow()).rejects.toThrow(/no sender: pass `from` to mail\(\) or `defaultFrom`/)
    expect(() => new SmtpMailerBackend({connectionOptions: {}, defaultFrm: "x"} as never)).toThrow(/Unknown option 'defaultFrm'/)
  })
})
