// A small keep-alive load generator: `connections` loops, each sending its next request as soon
// as the previous answered, over one http.Agent({keepAlive: true}); loopback only.
import http from "node:http"

function once(agent, port, path) {
  return new Promise((resolve, reject) => {
    const request = http.request({host: "127.0.0.1", port, path, agent}, (response) => {
      let bytes = 0

      response.on("data", (chunk) => { bytes += chunk.length })
      response.on("end", () => (response.statusCode === 200 ? resolve(bytes) : reject(new Error(`${path} answered ${response.statusCode}`))))
      response.on("error", reject)
    })

    request.on("error", reject)
    request.end()
  })
}

/** Runs until `durationMs` passed or `requests` were sent (whichever first); returns req/s and latency percentiles. */
export async function load({port, path, connections = 32, durationMs = 5000, requests = Infinity}) {
  const agent = new http.Agent({keepAlive: true, maxSockets: connections})
  const latencies = []
  const started = performance.now()
  const deadline = started + durationMs
  let sent = 0

  const loop = async () => {
    while (sent < requests && performance.now() < deadline) {
      sent++

      const before = performance.now()

      await once(agent, port, path)
      latencies.push(performance.now() - before)
    }
  }

  await Promise.all(Array.from({length: connections}, loop))

  const elapsedMs = performance.now() - started

  agent.destroy()
  latencies.sort((a, b) => a - b)

  const percentile = (fraction) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * fraction))]

  return {requests: latencies.length, rps: latencies.length / (elapsedMs / 1000), p50: percentile(0.5), p99: percentile(0.99)}
}
