import net from "node:net"

/**
 * Hostile HTTP/1.1 inputs for the abuse suite. Each one is invalid by construction, so the only
 * right answers are a 4xx or a closed connection; inputs that smuggle a second request carry a
 * well-formed `GET /ping` that would answer 200 if the server ever read it as a request.
 */
export type AbuseCategory = "request-line" | "headers" | "huge-headers" | "smuggling" | "slowloris" | "truncated-multipart"

export interface AbuseInput {
  category: AbuseCategory
  /** Written in order; a number is a pause in ms (slowloris trickles its bytes). */
  chunks: (string | number)[]
  /** Half-close the socket after the last chunk (a client that stops sending mid-body). */
  endAfter: boolean
}

export type AbuseOutcome = "4xx" | "closed" | "wrong-status" | "hung"

export interface AbuseResult {
  input: AbuseInput
  outcome: AbuseOutcome
  statuses: number[]
}

export const abuseCategories: AbuseCategory[] = ["request-line", "headers", "huge-headers", "smuggling", "slowloris", "truncated-multipart"]

const smuggled = "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n"

/** mulberry32: the same seed gives the same inputs, so a failure can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0

  return () => {
    state = (state + 0x6d2b79f5) >>> 0

    let t = state

    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)

    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Generator = (rand: () => number) => Omit<AbuseInput, "category">

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]
const integer = (rand: () => number, min: number, max: number) => min + Math.floor(rand() * (max - min + 1))
const token = (rand: () => number, length: number) => Array.from({length}, () => pick(rand, [..."abcdefghijklmnopqrstuvwxyz0123456789"])).join("")
// Bytes no request line or header may hold: controls (but TAB), DEL, and a few separators in names.
const controls = [...Array.from({length: 32}, (_, code) => String.fromCharCode(code)).filter((each) => each !== "\t"), "\x7f"]
const whole = (text: string): Omit<AbuseInput, "category"> => ({chunks: [text], endAfter: false})

const requestLine: Generator = (rand) => {
  const path = `/ping?${token(rand, integer(rand, 0, 8))}`
  const variants = [
    () => `${token(rand, integer(rand, 1, 40)).toUpperCase()}\r\n\r\n`,
    () => `${pick(rand, ["G ET", "GE\tT", "(GET)", "GET,", "G\"ET", "GET@", "{}"])} ${path} HTTP/1.1\r\nHost: x\r\n\r\n`,
    () => `GET ${path} HTTP/1.${pick(rand, ["x", "1x", "", "11"])}\r\nHost: x\r\n\r\n`,
    () => `GET ${path} ${pick(rand, ["HTTP/", "HTTPS/1.1", "http/1.1", "HTTP/1,1", "HTTP 1.1", "HTTP/-1.1", "HTTP/1.1 extra"])}\r\nHost: x\r\n\r\n`,
    () => `GET /pi${pick(rand, controls)}ng HTTP/1.1\r\nHost: x\r\n\r\n`,
    () => `GET /p ing${token(rand, 3)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    () => `GET ${path}\r\n\r\n`,
    () => ` GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`,
    () => `GET ${path} HTTP/1.1\rHost: x\r\r`,
    () => `\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03${token(rand, 32)}\r\n\r\n`,
    () => Array.from({length: integer(rand, 1, 200)}, () => String.fromCharCode(integer(rand, 0, 255))).join("").replace(/^[A-Z]/, "\x01") + "\r\n\r\n"
  ]

  return whole(pick(rand, variants)())
}

const headers: Generator = (rand) => {
  const name = `X-${token(rand, integer(rand, 1, 10))}`
  const variants = [
    () => `${name} ${token(rand, 5)}`,
    () => `${name} : value`,
    () => `${name.slice(0, 2)} ${name.slice(2)}: value`,
    () => `${name}${pick(rand, ["(", ")", "<", ">", "@", ",", ";", "\\", "\"", "/", "[", "]", "?", "=", "{", "}"])}: value`,
    () => `${name}${pick(rand, controls.filter((each) => each !== "\r" && each !== "\n"))}: value`,
    () => `${name}: a${pick(rand, ["\x00", "\x01", "\x7f", "\r", "\x0b", "\x0c"])}b`,
    () => `: ${token(rand, 6)}`,
    () => `Content-Length: ${pick(rand, ["abc", "-1", "1 2", "1.5", "0x10", "+5", "99999999999999999999999"])}`
  ]
  const header = pick(rand, variants)()

  return whole(`GET /ping HTTP/1.1\r\nHost: x\r\n${header}\r\n\r\n`)
}

const hugeHeaders: Generator = (rand) => {
  const variants = [
    () => `GET /ping HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(integer(rand, 17_000, 80_000))}\r\n\r\n`,
    () => `GET /ping HTTP/1.1\r\nHost: x\r\n${Array.from({length: integer(rand, 2500, 5000)}, (_, index) => `X-${index}: ${token(rand, 8)}\r\n`).join("")}\r\n`,
    () => `GET /ping?${"q".repeat(integer(rand, 17_000, 70_000))} HTTP/1.1\r\nHost: x\r\n\r\n`,
    () => `GET /ping HTTP/1.1\r\nHost: x\r\nCookie: ${Array.from({length: integer(rand, 1500, 4000)}, (_, index) => `c${index}=${token(rand, 12)}`).join("; ")}\r\n\r\n`
  ]

  return whole(pick(rand, variants)())
}

const smuggling: Generator = (rand) => {
  const body = "0\r\n\r\n"
  const target = pick(rand, ["/upload", "/ping", "/projects"])
  const variants = [
    () => `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n\r\n${body}`,
    () => `POST ${target} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: ${integer(rand, 0, 60)}\r\n\r\n${body}`,
    () => `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: ${integer(rand, 0, 3)}\r\nContent-Length: ${integer(rand, 4, 40)}\r\n\r\n`,
    () => `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: ${integer(rand, 0, 3)}, ${integer(rand, 4, 40)}\r\n\r\n`,
    () => `POST ${target} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ${pick(rand, ["chunked, identity", "identity", "xchunked", "chunked;", "chunk", "gzip", "chunked\x00"])}\r\n\r\n${body}`,
    () => `POST ${target} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n${body}`,
    () => `POST ${target} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n${body}`,
    () => `POST ${target} HTTP/1.1\r\nHost: x\r\n Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n${body}`,
    () => `POST ${target} HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n${body}`,
    () => `POST ${target} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${pick(rand, ["zz", "-1", "0x5", "fffffffffffffffffffff", "5 5", "5;\rx", "1\r\nab"])}\r\nhello\r\n0\r\n\r\n`,
    () => `POST ${target} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n`
  ]

  return whole(`${pick(rand, variants)()}${smuggled}`)
}

const slowloris: Generator = (rand) => {
  const request = `${pick(rand, ["GET /ping", "POST /upload"])} HTTP/1.1\r\nHost: x\r\nX-${token(rand, 4)}: ${token(rand, 40)}\r\n`
  const chunks: (string | number)[] = []

  // The header section never ends: one byte, a pause, one byte... until the server gives up.
  for (const character of request) chunks.push(character, integer(rand, 100, 300))

  return {chunks, endAfter: false}
}

const truncatedMultipart: Generator = (rand) => {
  const boundary = `----velocious${token(rand, 12)}`
  const parts = Array.from({length: integer(rand, 1, 4)}, (_, index) => rand() < 0.5
    ? `--${boundary}\r\nContent-Disposition: form-data; name="field${index}"\r\n\r\n${token(rand, integer(rand, 0, 200))}\r\n`
    : `--${boundary}\r\nContent-Disposition: form-data; name="file${index}"; filename="f${index}.txt"\r\nContent-Type: text/plain\r\n\r\n${token(rand, integer(rand, 0, 2000))}\r\n`)
  const complete = `${parts.join("")}--${boundary}--\r\n`
  // Cut before the closing boundary, so the body is never a whole multipart message.
  const cut = integer(rand, 1, complete.length - boundary.length - 7)
  const body = complete.slice(0, cut)
  const head = (length: number, type = `multipart/form-data; boundary=${boundary}`) => `POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n\r\n`
  const variants = [
    // Declares the whole body, sends part of it, and stops sending.
    () => ({chunks: [head(complete.length), body], endAfter: true}),
    // Declares exactly what it sends: the parser sees the multipart message end too early.
    () => ({chunks: [head(body.length), body], endAfter: false}),
    () => ({chunks: [head(complete.length, "multipart/form-data"), complete], endAfter: false}),
    () => ({chunks: [head(complete.length, `multipart/form-data; boundary=${boundary}x`), complete], endAfter: false})
  ]

  return pick(rand, variants)()
}

const generators: {[category in AbuseCategory]: Generator} = {
  "request-line": requestLine,
  headers,
  "huge-headers": hugeHeaders,
  smuggling,
  slowloris,
  "truncated-multipart": truncatedMultipart
}

export function abuseInput(category: AbuseCategory, rand: () => number): AbuseInput {
  return {category, ...generators[category](rand)}
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Sends one input on a fresh connection and reads until the server closes it or `waitMs` passes. */
export function sendAbuse(port: number, input: AbuseInput, waitMs: number): Promise<AbuseResult> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1")
    let received = ""
    let settled = false
    const finish = (closed: boolean) => {
      if (settled) return

      settled = true
      clearTimeout(timer)
      socket.destroy()

      const statuses = [...received.matchAll(/HTTP\/1\.[01] (\d{3}) /g)].map((match) => Number(match[1]))
      const outcome: AbuseOutcome = statuses.length > 0
        ? (statuses.every((status) => status >= 400 && status < 500) ? "4xx" : "wrong-status")
        : (closed ? "closed" : "hung")

      resolve({input, outcome, statuses})
    }
    const timer = setTimeout(() => finish(false), waitMs)

    socket.on("data", (chunk) => {
      received += chunk.toString("latin1")
      // One answer is all an input can get, except a smuggling one: there a second answer (to the
      // smuggled request) is the failure to look for, so it waits for the server to close.
      if (input.category !== "smuggling" && /^HTTP\/1\.[01] \d{3} [^]*?\r\n\r\n/.test(received)) finish(false)
    })
    socket.on("close", () => finish(true))
    // A reset or a refused write after the server closed is the server closing, not a failure.
    socket.on("error", () => finish(true))
    socket.once("connect", async () => {
      for (const chunk of input.chunks) {
        if (settled || socket.destroyed) return
        if (typeof chunk === "number") await delay(chunk)
        else socket.write(Buffer.from(chunk, "latin1"))
      }

      if (input.endAfter && !settled) socket.end()
    })
  })
}

export interface AbuseRunCounts {
  inputs: number
  byCategory: {[category in AbuseCategory]?: {[outcome in AbuseOutcome]?: number}}
  failures: AbuseResult[]
  /** Answers by status code, over every input. */
  statuses: {[status: number]: number}
  /** Answers by status code, per category. */
  statusesByCategory: {[category in AbuseCategory]?: {[status: number]: number}}
  /** Well-formed GET /ping requests sent between batches that did not answer 200. */
  healthFailures: number
  healthChecks: number
}

export interface AbuseRunOptions {
  port: number
  inputs: number
  seed?: number
  concurrency?: number
  /** Slowloris inputs per 100 (they take seconds each). */
  slowlorisPercent?: number
  /** A well-formed request after every this many inputs. */
  healthEvery?: number
  waitMs?: number
  slowWaitMs?: number
  healthCheck: () => Promise<boolean>
  /** Whether the server process is still alive (checked with each health request). */
  alive?: () => boolean
}

/** Sends `inputs` hostile inputs, `concurrency` at a time, and counts the outcomes per category. */
export async function runAbuse({port, inputs, seed = 19, concurrency = 50, slowlorisPercent = 1, healthEvery = 1000, waitMs = 3000, slowWaitMs = 8000, healthCheck, alive = () => true}: AbuseRunOptions): Promise<AbuseRunCounts> {
  const rand = random(seed)
  const fast = abuseCategories.filter((category) => category !== "slowloris")
  const counts: AbuseRunCounts = {inputs: 0, byCategory: {}, failures: [], statuses: {}, statusesByCategory: {}, healthFailures: 0, healthChecks: 0}
  let next = 0
  let sinceHealth = 0
  let health: Promise<void> = Promise.resolve()

  const checkHealth = () => {
    health = health.then(async () => {
      counts.healthChecks++
      if (!alive() || !(await healthCheck().catch(() => false))) counts.healthFailures++
    })
  }

  const lane = async () => {
    while (next < inputs) {
      next++

      const category = rand() * 100 < slowlorisPercent ? "slowloris" : pick(rand, fast)
      const result = await sendAbuse(port, abuseInput(category, rand), category === "slowloris" ? slowWaitMs : waitMs)
      const tally = counts.byCategory[category] ||= {}

      tally[result.outcome] = (tally[result.outcome] ?? 0) + 1
      counts.inputs++
      const categoryStatuses = counts.statusesByCategory[category] ||= {}

      for (const status of result.statuses) {
        counts.statuses[status] = (counts.statuses[status] ?? 0) + 1
        categoryStatuses[status] = (categoryStatuses[status] ?? 0) + 1
      }
      if (result.outcome === "wrong-status" || result.outcome === "hung") counts.failures.push(result)
      if (++sinceHealth >= healthEvery) {
        sinceHealth = 0
        checkHealth()
      }
    }
  }

  await Promise.all(Array.from({length: concurrency}, lane))
  checkHealth()
  await health

  return counts
}

/** The counts as a table, one row per category. */
export function formatAbuseCounts(counts: AbuseRunCounts): string {
  const outcomes: AbuseOutcome[] = ["4xx", "closed", "wrong-status", "hung"]
  const rows = [["category", "inputs", ...outcomes]]

  for (const category of abuseCategories) {
    const tally = counts.byCategory[category] ?? {}
    const total = outcomes.reduce((sum, outcome) => sum + (tally[outcome] ?? 0), 0)

    rows.push([category, String(total), ...outcomes.map((outcome) => String(tally[outcome] ?? 0))])
  }

  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)))

  return [
    ...rows.map((row) => row.map((cell, column) => column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join("  ")),
    `answers: ${Object.entries(counts.statuses).map(([status, count]) => `${status} ×${count}`).join(", ")}`,
    `${counts.inputs} inputs, ${counts.failures.length} answered wrongly or hung, ${counts.healthFailures} of ${counts.healthChecks} well-formed requests between them failed`
  ].join("\n")
}
