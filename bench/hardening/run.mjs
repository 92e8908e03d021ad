// The full runs of the hardening suites, which CI runs in a reduced, bounded form:
//   npm run bench:abuse    100,000 hostile HTTP inputs (spec/http/abuse-spec.ts)
//   npm run bench:soak     60 s at 50 connections on the 20-row route (spec/http/soak-spec.ts)
//   npm run bench:faults   the database-restart, SIGTERM and worker-crash specs, each once
// Each is the project's own spec run with its full-size settings; the counts are printed.
import {spawnSync} from "node:child_process"
import path from "node:path"
import {fileURLToPath} from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const suites = {
  abuse: {specs: ["spec/http/abuse-spec.ts"], env: {VELOCIOUS_ABUSE_INPUTS: "100000"}},
  soak: {specs: ["spec/http/soak-spec.ts"], env: {VELOCIOUS_SOAK_SECONDS: "60", VELOCIOUS_SOAK_CONNECTIONS: "50"}},
  faults: {specs: ["spec/http/database-restart-spec.ts", "spec/http/cluster-faults-spec.ts", "spec/background-jobs/database-restart-spec.ts"], env: {}}
}
const name = process.argv[2]
const suite = suites[name]

if (!suite) {
  console.error(`Usage: node bench/hardening/run.mjs ${Object.keys(suites).join("|")}`)
  process.exit(2)
}

// Explicit settings in the environment win, e.g. VELOCIOUS_ABUSE_INPUTS=20000 npm run bench:abuse.
const result = spawnSync(process.execPath, [path.join(root, "build/bin/velocious.js"), "test", ...suite.specs], {
  cwd: root,
  stdio: "inherit",
  env: {...suite.env, ...process.env}
})

process.exit(result.status ?? 1)
