import {randomUUID} from "node:crypto"
import {loadOptionalPackage, type PubSubAdapter, type PubSubMessage} from "./adapter.js"

export interface PgsqlAdapterOptions {
  /** Options for pg's Client (host, port, user, password, database). */
  connection?: Record<string, unknown>
  /** The LISTEN/NOTIFY channel. Default "velocious_websocket_events". */
  channel?: string
}

interface PgClient {
  connect(): Promise<void>
  query(text: string, values?: unknown[]): Promise<unknown>
  on(event: string, listener: (...args: any[]) => void): unknown
  end(): Promise<void>
}

// NOTIFY payloads must stay under 8000 bytes: a bigger message goes as numbered base64 chunks
// (ASCII, so the byte count is the character count) and is put back together on arrival.
const chunkCharacters = 7000

interface Chunk {
  /** Message id */
  i: string
  /** Chunk number and count */
  n: number
  c: number
  d: string
}

/** Fan-out across processes and machines through PostgreSQL LISTEN/NOTIFY (pg). */
export default class PgsqlAdapter implements PubSubAdapter {
  private readonly connection: Record<string, unknown>
  private readonly channel: string
  private client: PgClient | undefined
  private readonly partial = new Map<string, string[]>()
  /** Publishes run one after another on the one connection (pg deprecates overlapping queries). */
  private publishing: Promise<void> = Promise.resolve()

  constructor({connection = {}, channel = "velocious_websocket_events"}: PgsqlAdapterOptions = {}) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`PgsqlAdapter: channel must be a lower-case SQL identifier (letters, digits, _), got '${channel}'`)

    this.connection = connection
    this.channel = channel
  }

  async start(deliver: (message: PubSubMessage) => void): Promise<void> {
    const pg = await loadOptionalPackage<{Client: new (options: Record<string, unknown>) => PgClient}>("pg", "pgsql")
    const client = new pg.Client(this.connection)

    client.on("notification", ({channel, payload}: {channel: string, payload?: string}) => {
      if (channel !== this.channel || !payload) return

      const message = this.assemble(JSON.parse(payload) as Chunk)

      if (message) deliver(message)
    })
    client.on("error", () => {})
    await client.connect()
    // The channel is checked against an identifier pattern above: LISTEN takes no bound parameter.
    await client.query(`LISTEN ${this.channel}`)
    this.client = client
  }

  publish(message: PubSubMessage): Promise<void> {
    const run = this.publishing.then(() => this.send(message))

    this.publishing = run.catch(() => undefined)

    return run
  }

  private async send(message: PubSubMessage): Promise<void> {
    if (!this.client) throw new Error("PgsqlAdapter#publish() before start() or after close()")

    const data = Buffer.from(JSON.stringify(message), "utf8").toString("base64")
    const id = randomUUID()
    const count = Math.max(1, Math.ceil(data.length / chunkCharacters))

    // One connection sends the chunks in order, and NOTIFYs from one session arrive in order.
    for (let index = 0; index < count; index++) {
      const chunk: Chunk = {i: id, n: index, c: count, d: data.slice(index * chunkCharacters, (index + 1) * chunkCharacters)}

      await this.client.query("SELECT pg_notify($1, $2)", [this.channel, JSON.stringify(chunk)])
    }
  }

  async close(): Promise<void> {
    const client = this.client

    this.client = undefined
    this.partial.clear()
    await client?.end()
  }

  private assemble(chunk: Chunk): PubSubMessage | undefined {
    let parts = this.partial.get(chunk.i)

    if (chunk.c === 1) return JSON.parse(Buffer.from(chunk.d, "base64").toString("utf8")) as PubSubMessage
    if (!parts) {
      // A publisher that died mid-message leaves its chunks behind: keep the newest 1,000 partial messages.
      if (this.partial.size >= 1000) this.partial.delete(this.partial.keys().next().value as string)
      this.partial.set(chunk.i, parts = [])
    }

    parts[chunk.n] = chunk.d
    if (parts.filter((part) => part !== undefined).length < chunk.c) return undefined

    this.partial.delete(chunk.i)

    return JSON.parse(Buffer.from(parts.join(""), "base64").toString("utf8")) as PubSubMessage
  }
}
