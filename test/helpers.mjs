import {spawnSync} from "node:child_process"
import path from "node:path"
import {fileURLToPath} from "node:url"

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
export const bin = path.join(root, "build/bin/velocious.js")

export function fixture(name) {
  return path.join(root, "test/fixtures", name)
}

/** Runs the built CLI in `cwd` and returns its exit status and output. */
export function velocious(args, {cwd = root, env = {}, timeout = 60_000} = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    env: {...process.env, VELOCIOUS_ENV: "", NODE_ENV: "", ...env},
    timeout
  })

  return {status: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** Markers the fixtures print; progress dots may stand before them on the same line. */
export function markers(stdout, prefix) {
  return [...stdout.matchAll(new RegExp(`${prefix}:([^\\n]+)`, "g"))].map((match) => match[1])
}

export function ranTests(stdout) {
  return markers(stdout, "RAN").sort()
}

export function lastLine(stdout) {
  return stdout.trimEnd().split("\n").at(-1)
}
