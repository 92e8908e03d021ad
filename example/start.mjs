// `npm start`: builds Velocious if needed, then db:create, db:migrate and server for this example
// app (http://127.0.0.1:3006). Extra arguments go to `velocious server` (e.g. `npm start -- --port 0`).
import {spawnSync, spawn} from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import {fileURLToPath} from "node:url"

const exampleDirectory = path.dirname(fileURLToPath(import.meta.url))
const root = path.dirname(exampleDirectory)
const cli = path.join(root, "build/bin/velocious.js")

function newestMtime(directory) {
  let newest = 0

  for (const entry of fs.readdirSync(directory, {withFileTypes: true, recursive: true})) {
    if (entry.isFile() && entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs)
  }

  return newest
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, {cwd, stdio: "inherit"})

  if (result.status !== 0) {
    console.error(`\`${[path.basename(command), ...args].join(" ")}\` failed (exit ${result.status ?? result.signal})`)
    process.exit(result.status || 1)
  }
}

// The example imports velocious/build/... (the package's own name, resolved through its "exports"), so build/ must be current.
// VELOCIOUS_SKIP_BUILD=1 uses build/ as it is (the spec that runs this script does, so a half-edited src/ cannot fail it).
const stale = () => process.env.VELOCIOUS_SKIP_BUILD !== "1" && fs.statSync(cli).mtimeMs < newestMtime(path.join(root, "src"))

if (!fs.existsSync(cli) || stale()) {
  console.log("Building velocious (tsc)...")
  run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.json")], root)
}

run(process.execPath, [cli, "db:create"], exampleDirectory)
run(process.execPath, [cli, "db:migrate"], exampleDirectory)

const server = spawn(process.execPath, [cli, "server", ...process.argv.slice(2)], {cwd: exampleDirectory, stdio: "inherit"})

// The server drains in-flight requests on these; this script just passes them on and waits.
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.kill(signal))

server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
