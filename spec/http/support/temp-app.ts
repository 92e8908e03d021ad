import {execFile} from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {fileURLToPath} from "node:url"

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..")
const binary = path.join(packageRoot, "build/bin/velocious.js")

/** A throwaway app folder with node_modules/velocious linked to this checkout. */
export class TempApp {
  readonly directory: string

  constructor(prefix: string) {
    this.directory = fs.mkdtempSync(path.join(os.tmpdir(), `velocious-${prefix}-`))
    fs.mkdirSync(path.join(this.directory, "node_modules"))
    fs.symlinkSync(packageRoot, path.join(this.directory, "node_modules/velocious"), "dir")
    this.write("package.json", JSON.stringify({type: "module", private: true}))
  }

  write(relativePath: string, content: string): this {
    const file = path.join(this.directory, relativePath)

    fs.mkdirSync(path.dirname(file), {recursive: true})
    fs.writeFileSync(file, content)

    return this
  }

  remove(): void {
    fs.rmSync(this.directory, {recursive: true, force: true})
  }

  /** Runs the built CLI in the app; resolves with the exit code and output whatever the code. */
  run(args: string[], env: Record<string, string> = {}): Promise<{code: number, stdout: string, stderr: string}> {
    return new Promise((resolve, reject) => {
      execFile(process.execPath, [binary, ...args], {cwd: this.directory, env: {...process.env, VELOCIOUS_ENV: "test", ...env}, timeout: 60_000}, (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error)

        resolve({code: error ? Number(error.code) : 0, stdout, stderr})
      })
    })
  }
}

export function lines(...content: string[]): string {
  return `${content.join("\n")}\n`
}

/** src/config/configuration.(js|ts) of an app whose test environment uses a SQLite file, `db/test.sqlite`. */
export const sqliteTestConfiguration = lines(
  `import Configuration from "velocious/build/src/configuration.js"`,
  ``,
  `export default new Configuration({`,
  `  logging: {console: false},`,
  `  database: {test: {default: {type: "sqlite", name: "test"}}}`,
  `})`
)
