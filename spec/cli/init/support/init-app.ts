import {execFile} from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {fileURLToPath} from "node:url"
import {runCli} from "velocious/build/src/cli/index.js"

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..")
export const binary = path.join(packageRoot, "build/bin/velocious.js")

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** An empty folder under the OS temp dir; `link` puts these packages of this checkout in its node_modules. */
export function tempFolder(prefix: string, {link = [] as string[]} = {}): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `velocious-init-${prefix}-`))

  for (const name of link) {
    const target = name === "velocious" ? packageRoot : path.join(packageRoot, "node_modules", name)
    const linkPath = path.join(directory, "node_modules", name)

    fs.mkdirSync(path.dirname(linkPath), {recursive: true})
    fs.symlinkSync(target, linkPath, "dir")
  }

  return directory
}

/** `velocious <args>` in-process, as bin/velocious.js runs it, with the output captured. */
export async function runInProcess(cwd: string, args: string[]): Promise<CliResult> {
  const result = {code: 0, stdout: "", stderr: ""}

  result.code = await runCli(args, {cwd, stdout: {write: (text: string) => { result.stdout += text }}, stderr: {write: (text: string) => { result.stderr += text }}})

  return result
}

/** The built CLI as a user runs it, in `cwd`, in the development environment unless `env` says otherwise. */
export function runVelocious(cwd: string, args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...nodeArgs, binary, ...args], {cwd, env: {...process.env, VELOCIOUS_ENV: "", NODE_ENV: "", ...env}, timeout: 60_000}, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") return reject(error)

      resolve({code: error ? Number(error.code) : 0, stdout, stderr})
    })
  })
}

export function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, "utf8"))
}

/** Every file under `directory` (relative, sorted), leaving out node_modules. */
export function listFiles(directory: string, prefix = ""): string[] {
  const files: string[] = []

  for (const entry of fs.readdirSync(path.join(directory, prefix), {withFileTypes: true})) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name

    if (entry.isDirectory() && entry.name !== "node_modules") files.push(...listFiles(directory, relative))
    else if (entry.isFile()) files.push(relative)
  }

  return files.sort()
}
