import path from "node:path"
import {fileURLToPath} from "node:url"
import Configuration from "velocious/build/src/configuration.js"
import VelociousMailer, {BackgroundJobsNotConfiguredError, MailerDeliveryError, MailerViewError, NoDeliveryMethodError, deliveries, performSerializedMail, setDeliveryHandler, setMailEnqueuer, type MailMessage, type SerializedMail} from "velocious/build/src/mailer.js"
import {withLocale} from "velocious/build/src/translations/current-locale.js"
import {registerTranslations, resetTranslations} from "velocious/build/src/translations/translate.js"
import {afterEach, describe, expect, it} from "velocious/build/src/testing/test.js"
import TasksMailer from "./fixtures/app/src/mailers/tasks/mailer.js"

const appDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures/app")
const user = {name: "Kasper", email: "kasper@example.com"}

function configuration(environment = "test", extra: Record<string, unknown> = {}): Configuration {
  return new Configuration({directory: appDirectory, environment, logging: {console: false}, ...extra})
}

describe("Mailers", () => {
  afterEach(() => {
    setDeliveryHandler(undefined)
    setMailEnqueuer(undefined)
  })

  it("renders the action's dasherized view with mailer, the assigned locals and _ in scope, into deliveries()", async () => {
    const sent = await new TasksMailer({configuration: configuration()}).newNotification({id: 5}, user).deliverNow()

    expect(deliveries().length).toEqual(1)
    expect(deliveries()[0]).toEqual(sent)
    expect(sent.to).toEqual("kasper@example.com")
    expect(sent.subject).toEqual("New task")
    expect(sent.mailerName).toEqual("tasks")
    expect(sent.actionName).toEqual("newNotification")
    expect(sent.html).toContain("<b>Hello Kasper</b>")
    expect(sent.html).toContain("Task 5 has just been created.")
    expect(sent.html).toContain("Greetings from Velocious")
  })

  it("uses the current configuration when none is given, as in the README", async () => {
    const previous = Configuration.hasCurrent() ? Configuration.current() : undefined

    configuration().setCurrent()

    try {
      await new TasksMailer().newNotification({id: 9}, user).deliverNow()
      expect(deliveries().map((mail) => mail.html.includes("Task 9"))).toEqual([true])
    } finally {
      previous?.setCurrent()
    }
  })

  it("translates with _ in the current locale (configured, or per request/job via withLocale)", async () => {
    registerTranslations("de", {"Greetings from %{app}": "Grüße von %{app}"})
    registerTranslations("fr", {"Greetings from %{app}": "Salutations de %{app}"})

    try {
      const german = await new TasksMailer({configuration: configuration("test", {locale: "de"})}).newNotification({id: 5}, user).deliverNow()
      const french = await withLocale("fr", () => new TasksMailer({configuration: configuration("test", {locale: "de"})}).newNotification({id: 5}, user).deliverNow())

      expect(german.html).toContain("Grüße von Velocious")
      expect(french.html).toContain("Salutations de Velocious")
    } finally {
      resetTranslations()
    }
  })

  it("starts every test with no deliveries", () => {
    expect(deliveries()).toEqual([])
  })

  it("generates a text part from the HTML", async () => {
    const sent = await new TasksMailer({configuration: configuration()}).newNotification({id: 5}, user).deliverNow()

    expect(sent.text).toEqual("Hello Kasper\n\nTask 5 has just been created. Open it (https://example.com/tasks/5)\n\nGreetings from Velocious")
  })

  it("waits for actionPromise before rendering", async () => {
    const sent = await new TasksMailer({configuration: configuration()}).resetPassword(user).deliverNow()

    expect(sent.html).toContain("Your token for Kasper is token-for-Kasper")
    expect(sent.subject).toEqual("Reset your password")
  })

  it("passes attachments on", async () => {
    const sent = await new TasksMailer({configuration: configuration()}).withAttachment(user).deliverNow()

    expect(sent.attachments).toEqual([{filename: "report.csv", content: "id,name\n1,Report\n", contentType: "text/csv"}])
  })

  it("sends through setDeliveryHandler() with {to, subject, html}", async () => {
    const handled: MailMessage[] = []

    setDeliveryHandler(async (message) => { handled.push(message) })
    await new TasksMailer({configuration: configuration("production")}).newNotification({id: 5}, user).deliverNow()

    expect(handled.length).toEqual(1)
    expect(handled[0].to).toEqual("kasper@example.com")
    expect(handled[0].subject).toEqual("New task")
    expect(handled[0].html).toContain("Hello Kasper")
    // deliveries() is the test environment's store only
    expect(deliveries()).toEqual([])
  })

  it("sends through a configured mailerBackend", async () => {
    const delivered: MailMessage[] = []
    const mailerBackend = {deliver: async (message: MailMessage) => { delivered.push(message) }}

    await new TasksMailer({configuration: configuration("production", {mailerBackend})}).newNotification({id: 5}, user).deliverNow()
    expect(delivered.map((message) => message.subject)).toEqual(["New task"])
  })

  it("refuses to drop a mail outside tests when nothing can deliver it", async () => {
    await expect(new TasksMailer({configuration: configuration("production")}).newNotification({id: 5}, user).deliverNow()).rejects.toThrow(NoDeliveryMethodError)
    await expect(new TasksMailer({configuration: configuration("production")}).newNotification({id: 5}, user).deliverNow()).rejects.toThrow(/tasks mailer #newNotification: no way to deliver mail in the production environment/)
  })

  it("names mailer and action when the template throws", async () => {
    const promise = new TasksMailer({configuration: configuration()}).broken(user).deliverNow()

    await expect(promise).rejects.toThrow(MailerViewError)
    await expect(new TasksMailer({configuration: configuration()}).broken(user).deliverNow()).rejects.toThrow(/tasks mailer #broken: the view src\/mailers\/tasks\/broken.ejs failed: [\s\S]*reading .here./)
  })

  it("names mailer, action and file when the view is missing", async () => {
    await expect(new TasksMailer({configuration: configuration()}).missing(user).deliverNow()).rejects.toThrow(/tasks mailer #missingView: missing view src\/mailers\/tasks\/missing-view.ejs/)
  })

  it("names mailer and action when the delivery handler fails", async () => {
    setDeliveryHandler(async () => { throw new Error("provider said no") })

    const promise = new TasksMailer({configuration: configuration()}).newNotification({id: 5}, user).deliverNow()

    await expect(promise).rejects.toThrow(MailerDeliveryError)
    await expect(new TasksMailer({configuration: configuration()}).newNotification({id: 5}, user).deliverNow()).rejects.toThrow(/tasks mailer #newNotification: delivering to kasper@example.com failed: provider said no/)
  })

  it("rejects unknown mail() options", () => {
    class OddMailer extends VelociousMailer {
      odd() { return this.mail({to: "a@example.com", subject: "x", actionName: "odd", bodyy: "x"} as never) }
    }

    expect(() => new OddMailer({configuration: configuration()}).odd()).toThrow(/Unknown option 'bodyy'/)
  })

  it("deliverLater() fails clearly until background jobs are configured", async () => {
    await expect(new TasksMailer({configuration: configuration()}).newNotification({id: 5}, user).deliverLater()).rejects.toThrow(BackgroundJobsNotConfiguredError)
    await expect(new TasksMailer({configuration: configuration()}).newNotification({id: 5}, user).deliverLater()).rejects.toThrow(/tasks mailer #newNotification: .*background jobs are not configured/)
  })

  it("deliverLater() hands {mailerName, actionName, args} to the enqueuer, and performSerializedMail() delivers it", async () => {
    const queued: SerializedMail[] = []

    setMailEnqueuer((mail) => { queued.push(mail) })
    await new TasksMailer({configuration: configuration()}).newNotification({id: 5}, user).deliverLater()

    expect(queued).toEqual([{mailerName: "tasks", actionName: "newNotification", args: [{id: 5}, user]}])
    expect(deliveries()).toEqual([])

    const sent = await performSerializedMail(JSON.parse(JSON.stringify(queued[0])), configuration())

    expect(sent.html).toContain("Task 5 has just been created.")
    expect(deliveries().length).toEqual(1)
  })

  it("performSerializedMail() names a missing mailer or action", async () => {
    await expect(performSerializedMail({mailerName: "nope", actionName: "x", args: []}, configuration())).rejects.toThrow(/nope mailer #x: no mailer at src\/mailers\/nope\/mailer.js/)
    await expect(performSerializedMail({mailerName: "tasks", actionName: "getConfiguration", args: []}, configuration())).rejects.toThrow(/TasksMailer has no action getConfiguration/)
  })
})
