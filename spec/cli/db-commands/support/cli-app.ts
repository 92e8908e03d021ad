import {execFile} from "node:child_process"
import path from "node:path"
import type {DriverConfig} from "velocious/build/src/database/drivers/base/driver-config.js"
import {MigrationApp, packageRoot} from "../../../database/migrator/support/migration-app.js"

export {MigrationApp, packageRoot}

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

const binary = path.join(packageRoot, "build/bin/velocious.js")

/** Runs the built CLI as a user would, in the app folder with VELOCIOUS_ENV=test. */
export function runVelocious(app: MigrationApp, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [binary, ...args], {cwd: app.directory, env: {...process.env, VELOCIOUS_ENV: "test"}, timeout: 30_000}, (error, stdout, stderr) => {
      // A non-zero exit arrives as an error carrying the code; anything else (spawn failure, timeout) is a real error.
      if (error && typeof error.code !== "number") return reject(error)

      resolve({code: error ? Number(error.code) : 0, stdout, stderr})
    })
  })
}

/** Like runVelocious, but a non-zero exit fails with what the command printed. */
export async function runVelociousOk(app: MigrationApp, args: string[]): Promise<CliResult> {
  const result = await runVelocious(app, args)

  if (result.code !== 0) throw new Error(`velocious ${args.join(" ")} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`)

  return result
}

/** src/config/configuration.js with one `default` test database and any extra options. */
export async function writeConfiguration(app: MigrationApp, config: DriverConfig, extra: Record<string, unknown> = {}): Promise<void> {
  const options = {database: {test: {default: config}}, ...extra}

  await app.writeFile("src/config/configuration.js", [
    "import Configuration from \"velocious/build/src/configuration.js\"",
    "",
    `export default new Configuration(${JSON.stringify(options, null, 2)})`,
    ""
  ].join("\n"))
}
