// Instructions per request, counted by valgrind's callgrind rather than timed: the same count
// for the same code whatever else the machine does, so a change of a few hundred instructions
// per request shows, where bench:http's CPU times move by microseconds between runs. Not a
// benchmark of speed (instructions are not time: cache misses and the kernel are not in it),
// a guide to how much user-space work each side does per request.
//
// Each side's server runs under callgrind with instrumentation off, is warmed up (so V8 has
// optimized the hot path), then instrumentation is turned on for `BENCH_REQUESTS` requests
// from a client outside valgrind, and the dump's total is divided by the count.
//
//   node bench/http/instructions.mjs                      # velocious, velocious+log, raw-hello on /hello
//   BENCH_SIDES=velocious,raw-tasks BENCH_PATH=/tasks node bench/http/instructions.mjs
import {execFileSync, fork} from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import {fileURLToPath} from "node:url"
import {createBenchApp} from "./app.mjs"
import {load} from "./load.mjs"

const here = path.dirname(fileURLToPath(import.meta.url))
const sides = (process.env.BENCH_SIDES || "velocious,velocious+log,raw-hello").split(",")
const urlPath = process.env.BENCH_PATH || "/hello"
const requests = Number(process.env.BENCH_REQUESTS || 4000)
const warmupRequests = Number(process.env.BENCH_WARMUP || 20000)
const connections = Number(process.env.BENCH_CONNECTIONS || 1)
const windows = Number(process.env.BENCH_WINDOWS || 4)
const {workerExecArgv} = await import(path.resolve(here, "../../build/src/http-server/cluster/worker-exec-argv.js"))

try {
  execFileSync("valgrind", ["--version"], {stdio: "ignore"})
} catch {
  console.error("bench/http/instructions.mjs needs valgrind (apt-get install -y valgrind)")
  process.exit(1)
}

const app = createBenchApp()

function startUnderCallgrind(side, outFile) {
  const logging = side.endsWith("+log")
  const stdout = logging ? fs.openSync(path.join(app.directory, `${side}.stdout.log`), "a") : "ignore"
  const env = {...process.env, VELOCIOUS_ENV: "production", BENCH_APP_DIRECTORY: app.directory, BENCH_SQLITE_FILE: app.sqliteFile, ...(logging ? {BENCH_LOGGING: "1"} : {})}
  // fork() runs execPath with execArgv before the script, so valgrind wraps node itself.
  const child = fork(path.join(here, "server-child.mjs"), [side.replace(/\+log$/, "")], {
    cwd: app.directory,
    env,
    execPath: "valgrind",
    execArgv: ["--tool=callgrind", "--instr-atstart=no", `--callgrind-out-file=${outFile}`, process.execPath, ...(process.env.BENCH_PERF_MAP ? ["--perf-basic-prof"] : []), ...workerExecArgv([])],
    stdio: ["ignore", stdout, "ignore", "ipc"]
  })

  if (typeof stdout === "number") fs.closeSync(stdout)

  return new Promise((resolve, reject) => {
    child.once("message", ({port}) => resolve({child, port}))
    child.once("exit", (code) => reject(new Error(`${side} exited with ${code} under valgrind before listening`)))
  })
}

function totalInstructions(outFile) {
  // A dump while running goes to outFile.1 (and so on); the last one is ours.
  const dumps = fs.readdirSync(path.dirname(outFile)).filter((name) => name.startsWith(`${path.basename(outFile)}.`)).sort((a, b) => Number(a.split(".").pop()) - Number(b.split(".").pop()))
  const text = fs.readFileSync(path.join(path.dirname(outFile), dumps[dumps.length - 1]), "utf8")
  const match = /^(?:summary|totals): (\d+)/m.exec(text)

  if (!match) throw new Error(`no totals line in ${dumps[dumps.length - 1]}`)

  return Number(match[1])
}

const results = {}

try {
  for (const side of sides) {
    const outFile = path.join(app.directory, `callgrind.${side.replace(/\W/g, "_")}.out`)
    const {child, port} = await startUnderCallgrind(side, outFile)

    try {
      await load({port, path: urlPath, connections, requests: warmupRequests, durationMs: 600_000})
      execFileSync("callgrind_control", ["--instr=on", String(child.pid)], {stdio: "ignore"})

      // Several windows: the count settles once V8 stops compiling the hot path, and the last
      // (least) one is the steady state.
      const counts = []

      for (let window = 0; window < windows; window++) {
        execFileSync("callgrind_control", ["--zero", String(child.pid)], {stdio: "ignore"})

        const {requests: sent} = await load({port, path: urlPath, connections, requests, durationMs: 600_000})

        execFileSync("callgrind_control", ["--dump", String(child.pid)], {stdio: "ignore"})
        counts.push(totalInstructions(outFile) / sent)
      }
      results[side] = Math.min(...counts)
      console.log(`${side.padEnd(16)} ${Math.round(results[side]).toLocaleString("en").padStart(9)} instructions/request (windows of ${requests}: ${counts.map((count) => Math.round(count / 1000)).join(", ")} k)`)
    } finally {
      await new Promise((stopped) => { child.once("exit", stopped); child.kill("SIGKILL") })
    }
  }
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept ${app.directory}`)
  else app.cleanup()
}

const baseline = sides.find((side) => side.startsWith("raw"))

if (baseline) {
  for (const side of sides) if (side !== baseline) console.log(`${`${side} / ${baseline}`.padEnd(28)} ${(results[side] / results[baseline]).toFixed(2)}× the instructions`)
}
