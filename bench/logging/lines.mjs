// What one request log line costs (not a test): N lines of the request handler's shape through
// a configuration with the README's `logging: {console: true, file: true}`, in batches of 50
// (as concurrent requests log), then Configuration#close(). Prints CPU µs per line. Run with
// stdout to /dev/null or a file, as a server's would be:
//
//   node bench/logging/lines.mjs > /dev/null                  # N=100000 WARM=5000
//   node bench/logging/lines.mjs /path/to/other/checkout > /dev/null
//
// For a figure that other load on the machine does not move, count instructions instead and
// take the difference of two runs: (instructions at N=10000 - at N=0) / 10000 per line:
//
//   N=0 WARM=2000 valgrind --tool=callgrind --callgrind-out-file=/dev/null node bench/logging/lines.mjs > /dev/null
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {fileURLToPath} from "node:url"

const root = path.resolve(process.argv[2] || path.join(path.dirname(fileURLToPath(import.meta.url)), "../.."))
const lines = Number(process.env.N ?? 100000)
const warmup = Number(process.env.WARM ?? 5000)
const {default: Configuration} = await import(path.join(root, "build/src/configuration.js"))
const {default: Logger} = await import(path.join(root, "build/src/logger.js"))
const directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-bench-logging-"))
const configuration = new Configuration({directory, environment: "production", logging: {console: true, file: true}})

await configuration.initialize()

const logger = new Logger("HttpServer", {configuration})

for (let index = 0; index < warmup; index++) await logger.info("GET /hello 200 0.1ms")

const before = process.cpuUsage()

for (let index = 0; index < lines; index += 50) {
  const batch = []

  for (let inBatch = 0; inBatch < 50; inBatch++) batch.push(logger.info("GET /hello 200 0.1ms"))

  await Promise.all(batch)
  await new Promise((resolve) => setImmediate(resolve))
}

await configuration.close()

const cpu = process.cpuUsage(before)

// stderr, since stdout gets the log lines.
if (lines > 0) fs.writeSync(2, `${root}: ${((cpu.user + cpu.system) / lines).toFixed(2)} µs CPU per line (console + file), ${lines} lines\n`)
fs.rmSync(directory, {recursive: true, force: true})
