// A real app process for buffered-logging-exit-spec.ts: logs `count` lines to the console and a
// file (the README's `logging: {console: true, file: true}`) without awaiting them, then leaves
// the way `mode` says. Markers go to stderr with writeSync so they never mix with the lines.
import fs from "node:fs"
import Configuration from "velocious/build/src/configuration.js"
import Logger from "velocious/build/src/logger.js"

const [mode, directory, countText, filePath] = process.argv.slice(2)
const count = Number(countText)
const logging = filePath ? {console: true, file: true, filePath} : {console: true, file: true}
const configuration = new Configuration({directory, environment: "test", logging})

await configuration.initialize()

const logger = new Logger("Child", {configuration})

for (let index = 0; index < count; index++) void logger.info(`line ${index}`)

if (mode === "close") {
  await configuration.close()
  process.exit(0)
} else if (mode === "sigterm") {
  // Stays alive until the parent's SIGTERM; nothing here handles the signal.
  setInterval(() => {}, 1000)
  setTimeout(() => fs.writeSync(2, "ready\n"), 20)
} else if (mode === "crash") {
  setTimeout(() => { throw new Error("crash after logging") }, 20)
} else if (mode === "keep-logging") {
  // For a destination that fails: keep logging for a while, then close and exit normally.
  let round = 0
  const timer = setInterval(async () => {
    for (let index = 0; index < 50; index++) void logger.info(`more ${round} ${index}`)
    if (++round === 10) {
      clearInterval(timer)
      await configuration.close()
      fs.writeSync(2, "done\n")
      process.exit(0)
    }
  }, 20)
} else {
  throw new Error(`Unknown mode ${mode}`)
}
