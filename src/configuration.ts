import type BaseEnvironmentHandler from "./environment-handlers/base.js"
import {defaultEnvironmentHandler} from "./environment-handlers/default-handler.js"
import ErrorEvents from "./configuration/error-events.js"
import {environmentFromProcess} from "./configuration/environment.js"
import {checkKeys} from "./utils/check-keys.js"
import {currentConfiguration, hasCurrentConfiguration, setCurrentConfiguration} from "./configuration/current.js"
import {configurationOptionKeys, type ConfigurationOptions, type LoggingOptions} from "./configuration/options.js"
import type BaseLogger from "./logger/base-logger.js"
import DatabasePools from "./database/database-pools.js"
import type BasePool from "./database/pool/base-pool.js"
import type BaseDriver from "./database/drivers/base/base-driver.js"
import {loggersFromConfiguration} from "./logger/loggers-from-configuration.js"
import {logOutputsFor} from "./logger/log-outputs.js"
import type ModelClass from "./database/record/index.js"
import {initializeAppModels} from "./configuration/app-models.js"
import {setTranslator, type Translator} from "./translations/custom-translator.js"
import WebsocketEvents from "./websocket-events/websocket-events.js"
import {closeHttpSecurity} from "./http-server/security/http-security.js"

export type {ConfigurationOptions} from "./configuration/options.js"

export {ConfigurationNotSetError} from "./configuration/current.js"

/**
 * An app's configuration. It stores every option the README documents; each subsystem reads
 * what it needs through a getter, so this class stays a thin holder rather than a hub.
 */
export default class Configuration {
  static current(): Configuration {
    return currentConfiguration()
  }

  static hasCurrent(): boolean {
    return hasCurrentConfiguration()
  }

  readonly options: Readonly<ConfigurationOptions>
  private readonly errorEvents = new ErrorEvents()
  private environmentHandler: BaseEnvironmentHandler | undefined
  private debug: boolean
  private loggers: BaseLogger[] | undefined
  private initialized = false
  private databasePools: DatabasePools | undefined
  private appModels: (typeof ModelClass)[] | undefined
  private websocketEvents: WebsocketEvents | undefined

  constructor(options: ConfigurationOptions = {}) {
    checkKeys(options, configurationOptionKeys, "new Configuration()")

    this.options = Object.freeze({...options})
    this.environmentHandler = options.environmentHandler
    this.debug = Boolean(options.debug)
    this.environmentHandler?.setConfiguration(this)
  }

  setCurrent(): this {
    setCurrentConfiguration(this)

    return this
  }

  /**
   * Prepares what needs async work: the environment handler, the log outputs, and (unless
   * `models: false`) the app's models, as the CLI does before any app code runs. A plain
   * script calls it once after setCurrent().
   */
  async initialize({models = true}: {models?: boolean} = {}): Promise<this> {
    if (!this.initialized) {
      this.getEnvironmentHandler()
      // Built now so a logging mistake (file logging in the browser, an unknown level) fails at boot, not on the first line.
      logOutputsFor(this)
      this.initialized = true
    }

    if (models) await this.initializeModels()

    return this
  }

  /**
   * Imports the models in src/models (under Node) and reads their columns, so `Task.create()`
   * works straight away. A model whose table does not exist yet stays uninitialized, says so
   * when used, and is initialized by the next call (the migrator calls this after migrating).
   */
  async initializeModels(): Promise<(typeof ModelClass)[]> {
    if (!this.options.database) return []

    this.appModels = await initializeAppModels(this, this.appModels)

    return this.appModels
  }

  isInitialized(): boolean {
    return this.initialized
  }

  /** After migrations ran: models that were skipped for a missing table are initialized now. */
  async initializeWaitingModels(): Promise<void> {
    if (this.appModels) await initializeAppModels(this, this.appModels)
  }

  getEnvironment(): string {
    return this.options.environment || environmentFromProcess()
  }

  getDirectory(): string {
    if (this.options.directory) return this.options.directory
    if (typeof process !== "undefined" && typeof process.cwd === "function") return process.cwd()

    throw new Error("No app directory: pass `directory` to new Configuration() when not running under Node")
  }

  isDebug(): boolean {
    return this.debug
  }

  setDebug(debug: boolean): void {
    this.debug = debug
  }

  getErrorEvents(): ErrorEvents {
    return this.errorEvents
  }

  getLoggingOptions(): LoggingOptions {
    return this.options.logging || {}
  }

  /** The configured loggers, built once from `logging` on first use. */
  getLoggers(): BaseLogger[] {
    this.loggers ||= loggersFromConfiguration(this)

    return this.loggers
  }

  setLoggers(loggers: BaseLogger[]): void {
    this.loggers = loggers
  }

  /** The pool of one database (`default` unless named) in the current environment. */
  getDatabasePool(identifier = "default"): BasePool {
    return this.getDatabasePools().getPool(identifier)
  }

  getDatabaseIdentifiers(): string[] {
    return this.getDatabasePools().identifiers()
  }

  getDatabasePools(): DatabasePools {
    return this.databasePools ||= new DatabasePools({
      database: this.options.database,
      environment: this.getEnvironment(),
      directory: this.options.directory ?? (typeof process !== "undefined" && typeof process.cwd === "function" ? process.cwd() : undefined),
      runtime: this.getEnvironmentHandler()
    })
  }

  /** Runs `callback` with a connection to every configured database pinned to the async context, released afterwards. */
  ensureConnections<Result>(callback: (connections: Record<string, BaseDriver>) => Result | Promise<Result>): Promise<Result> {
    return this.getDatabasePools().ensureConnections(callback)
  }

  /** Gives every pool a fallback connection, so getCurrentConnection() works outside any context. */
  ensureGlobalConnections(): Promise<void> {
    return this.getDatabasePools().ensureGlobalConnections()
  }

  /** The event bus websockets subscribe to; publish(channel, payload) reaches them in every process the adapter spans. */
  getWebsocketEvents(): WebsocketEvents {
    return this.websocketEvents ||= new WebsocketEvents({configuration: this, options: this.options.websocketEvents})
  }

  async closeDatabaseConnections(): Promise<void> {
    await this.databasePools?.closeAll()
  }

  /**
   * What a process does before it exits: closes the database connections, then writes out and
   * closes the log files (a process that exits with log lines still buffered loses them).
   */
  async close(): Promise<void> {
    await this.closeDatabaseConnections()
    await this.websocketEvents?.close()
    // A Redis rate limit store's connection would keep the process from exiting.
    await closeHttpSecurity(this)
    await this.environmentHandler?.closeLogFiles()
  }

  /** Replaces the default gettext-style translator behind `_()` (views, mailers); undefined restores it. */
  setTranslator(translator: Translator | undefined): void {
    setTranslator(this, translator)
  }

  /** The handler given as `environmentHandler`, else the default one for where this runs (Node, or the browser in a browser bundle). */
  getEnvironmentHandler(): BaseEnvironmentHandler {
    if (!this.environmentHandler) this.setEnvironmentHandler(defaultEnvironmentHandler())

    return this.environmentHandler as BaseEnvironmentHandler
  }

  hasEnvironmentHandler(): boolean {
    return Boolean(this.environmentHandler)
  }

  setEnvironmentHandler(handler: BaseEnvironmentHandler): void {
    this.environmentHandler = handler
    handler.setConfiguration(this)
  }
}
