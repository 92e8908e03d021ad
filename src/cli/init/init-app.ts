import crypto from "node:crypto"
import {createRequire} from "node:module"
import fs from "node:fs/promises"
import path from "node:path"
import {appFiles, emptyAppDirectories, type AppFile} from "./app-files.js"
import {InitError} from "./init-error.js"
import {nextStepsText} from "./next-steps.js"
import {packageNameFor, planPackageJson} from "./package-json.js"
import {ensureSqliteBinding} from "./sqlite-binding.js"
import type {TemplateContext} from "./template-context.js"
import {appLanguage} from "../support/app-language.js"
import {writeNewFile} from "../support/write-new-file.js"
import {findAppFile} from "../../utils/app-file.js"

interface Output {
  write(text: string): unknown
}

export interface InitAppArgs {
  cwd: string
  /** `--typescript`; an app with a tsconfig.json or a .ts configuration is TypeScript anyway. */
  typescript: boolean
  stdout: Output
  stderr: Output
}

async function readIfExists(file: string): Promise<string | undefined> {
  return await fs.readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined

    throw error
  })
}

async function writePackageJson(cwd: string, typescript: boolean, stdout: Output): Promise<void> {
  const file = path.join(cwd, "package.json")
  const plan = planPackageJson(await readIfExists(file), {folderName: path.basename(cwd), typescript})

  if (plan.text !== undefined) await fs.writeFile(file, plan.text)

  if (plan.created) stdout.write("Created package.json\n")
  else if (plan.changes.length > 0) stdout.write(`Updated package.json: ${plan.changes.join(", ")}\n`)
  else if (plan.skipped.length === 0) stdout.write("Skipped package.json (up to date)\n")

  for (const skipped of plan.skipped) stdout.write(`Skipped ${skipped} in package.json\n`)
}

async function writeAppFile(cwd: string, file: AppFile, stdout: Output): Promise<void> {
  const target = path.join(cwd, file.path)

  if (file.eitherLanguage) {
    const existing = findAppFile(cwd, file.path.replace(/\.[jt]s$/, ""))

    if (existing && existing !== target) {
      stdout.write(`Skipped ${file.path} (${path.relative(cwd, existing)} exists)\n`)

      return
    }
  }

  await writeNewFile(target, file.source, {cwd, stdout})
}

/** An empty folder gets a .gitkeep, so a fresh clone has it (SQLite needs db/ to exist). */
async function keepDirectory(cwd: string, directory: string, stdout: Output): Promise<void> {
  const entries = await fs.readdir(path.join(cwd, directory)).catch(() => [] as string[])

  if (entries.some((entry) => entry !== ".gitkeep")) {
    stdout.write(`Skipped ${directory}/.gitkeep (${directory} has files)\n`)

    return
  }

  await writeNewFile(path.join(cwd, directory, ".gitkeep"), "", {cwd, stdout})
}

function isInstalled(cwd: string, packageName: string): boolean {
  try {
    createRequire(path.join(cwd, "package.json")).resolve(`${packageName}/package.json`)

    return true
  } catch {
    return false
  }
}

/**
 * `velocious init`: makes the current folder a runnable app (DESIGN.md §2) without ever
 * overwriting a file, so it is safe to run again; then makes sure SQLite's native binding loads.
 */
export async function initApp({cwd, typescript: typescriptFlag, stdout, stderr}: InitAppArgs): Promise<number> {
  const typescript = typescriptFlag || await appLanguage(cwd) === "typescript"
  const context: TemplateContext = {
    typescript,
    extension: typescript ? "ts" : "js",
    appName: packageNameFor(path.basename(cwd)).replace(/[^a-z0-9]+/g, "_"),
    developmentCookieSecret: crypto.randomBytes(32).toString("hex")
  }

  try {
    // First: a package.json init cannot read stops it before any other file is written.
    await writePackageJson(cwd, typescript, stdout)
  } catch (error) {
    if (!(error instanceof InitError)) throw error

    stderr.write(`${error.message}\n`)

    return 1
  }

  for (const file of appFiles(context)) await writeAppFile(cwd, file, stdout)
  for (const directory of emptyAppDirectories) await keepDirectory(cwd, directory, stdout)

  const velociousInstalled = isInstalled(cwd, "velocious")
  // Without Velocious in node_modules there is nothing to check yet: `npm install velocious` brings better-sqlite3.
  const sqliteWorks = velociousInstalled ? await ensureSqliteBinding(cwd, {stdout, stderr}) : true

  stdout.write(nextStepsText({extension: context.extension, velociousInstalled, typescript}))

  return sqliteWorks ? 0 : 1
}
