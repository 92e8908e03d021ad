import http from "node:http"

export interface LoadCounts {
  /** Answers by status code. */
  statuses: {[status: number]: number}
  /** Requests that got no answer (reset, refused, timed out), by error code. */
  errors: {[code: string]: number}
  total: number
}

export interface RunningLoad {
  counts: LoadCounts
  /** Requests sent and not yet answered or failed. */
  inFlight(): number
  /** Stops sending; resolves once every request in flight is answered or failed. */
  stop(): Promise<LoadCounts>
}

/**
 * `connections` loops over keep-alive sockets, each sending its next request as soon as the last
 * answered, until stop(). Failures are counted, never thrown: the tests ask what the load saw.
 */
export function startLoad({port, path, connections = 50, timeoutMs = 10_000, onAnswer}: {port: number, path: string, connections?: number, timeoutMs?: number, onAnswer?: (status: number) => void}): RunningLoad {
  const agent = new http.Agent({keepAlive: true, maxSockets: connections})
  const counts: LoadCounts = {statuses: {}, errors: {}, total: 0}
  let running = true
  let inFlight = 0

  const once = () => new Promise<void>((resolve) => {
    inFlight++
    const outgoing = http.request({host: "127.0.0.1", port, path, agent}, (response) => {
      response.resume()
      response.on("end", () => {
        const status = response.statusCode ?? 0

        counts.statuses[status] = (counts.statuses[status] ?? 0) + 1
        counts.total++
        inFlight--
        onAnswer?.(status)
        resolve()
      })
      response.on("error", () => undefined)
    })

    outgoing.setTimeout(timeoutMs, () => outgoing.destroy(Object.assign(new Error("timed out"), {code: "TIMEOUT"})))
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message

      counts.errors[code] = (counts.errors[code] ?? 0) + 1
      counts.total++
      inFlight--
      // A refused connection comes back at once; without a pause the loop would spin.
      setTimeout(resolve, 20)
    })
    outgoing.end()
  })

  const loops = Array.from({length: connections}, async () => { while (running) await once() })

  return {
    counts,
    inFlight: () => inFlight,
    async stop() {
      running = false
      await Promise.all(loops)
      agent.destroy()

      return counts
    }
  }
}

export function errorCount(counts: LoadCounts): number {
  return Object.values(counts.errors).reduce((sum, count) => sum + count, 0)
}

export function answered(counts: LoadCounts, status: number): number {
  return counts.statuses[status] ?? 0
}
