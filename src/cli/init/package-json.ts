import {InitError} from "./init-error.js"

export interface PackageJsonPlan {
  /** The text to write, or undefined when package.json already has everything. */
  text: string | undefined
  created: boolean
  /** What was added or changed, e.g. `script start`. */
  changes: string[]
  /** What was left alone although init would have set it, with why. */
  skipped: string[]
}

type JsonObject = {[key: string]: unknown}

// `npm init -y` writes this; keeping it would make `npm test` fail in a fresh app.
const npmInitTestPlaceholder = /^echo "Error: no test specified" && exit 1$/

export function appScripts(typescript: boolean): Record<string, string> {
  return {
    start: "velocious server",
    test: "velocious test",
    "test:browser": "velocious test --browser",
    migrate: "velocious db:migrate",
    ...typescript ? {typecheck: "tsc --noEmit"} : {}
  }
}

/** Dependencies of velocious whose install scripts an app needs, and why. */
const installScriptsAppsNeed: Record<string, string> = {
  "better-sqlite3": "SQLite needs better-sqlite3's install script to build its native binding",
  // tsx (which loads .ts app files) runs on esbuild; its postinstall checks the platform binary.
  esbuild: "tsx, which loads TypeScript app files, runs on esbuild and its install script checks its binary"
}

/** A valid npm package name from a folder name (`My App` → `my-app`). */
export function packageNameFor(folderName: string): string {
  return folderName.toLowerCase().replace(/[^a-z0-9._~-]+/g, "-").replace(/^[._-]+|-+$/g, "") || "app"
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

function parse(text: string): JsonObject {
  let parsed: unknown

  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new InitError(`package.json is not valid JSON (${(error as Error).message}). Fix it, then run \`npx velocious init\` again`)
  }

  if (!isObject(parsed)) throw new InitError("package.json must hold a JSON object. Fix it, then run `npx velocious init` again")

  return parsed
}

function objectField(packageJson: JsonObject, key: string): JsonObject {
  const value = packageJson[key] ?? {}

  if (!isObject(value)) throw new InitError(`"${key}" in package.json must be an object, got ${JSON.stringify(value)}. Fix it, then run \`npx velocious init\` again`)

  return packageJson[key] = value
}

/** Keeps the file's own indentation (npm writes 2 spaces, some editors tabs). */
function indentOf(text: string): string {
  return /^[ \t]+(?=")/m.exec(text)?.[0] ?? "  "
}

/**
 * What package.json needs for an app: ESM ("type": "module"), the scripts, better-sqlite3
 * allowed to build its native binding (and esbuild to check its binary) (npm 11 reviews dependencies' install scripts against
 * "allowScripts"). Nothing the user set is replaced, except npm init's placeholder test script
 * and "type": "commonjs" (the app's files are ES modules).
 */
export function planPackageJson(existingText: string | undefined, {folderName, typescript}: {folderName: string, typescript: boolean}): PackageJsonPlan {
  const created = existingText === undefined
  const packageJson: JsonObject = created ? {name: packageNameFor(folderName), version: "0.1.0", private: true} : parse(existingText)
  const changes: string[] = []
  const skipped: string[] = []

  if (packageJson.type !== "module") {
    changes.push(packageJson.type === undefined ? `"type": "module"` : `"type": "module" (was ${JSON.stringify(packageJson.type)})`)
    packageJson.type = "module"
  }

  const scripts = objectField(packageJson, "scripts")

  for (const [name, command] of Object.entries(appScripts(typescript))) {
    const current = scripts[name]

    if (current === command) continue

    const placeholder = name === "test" && typeof current === "string" && npmInitTestPlaceholder.test(current)

    if (current === undefined || placeholder) {
      scripts[name] = command
      changes.push(placeholder ? `script ${name} (was npm init's placeholder)` : `script ${name}`)
    } else {
      skipped.push(`script "${name}" (exists: ${JSON.stringify(current)})`)
    }
  }

  const allowScripts = objectField(packageJson, "allowScripts")

  for (const [dependency, why] of Object.entries(installScriptsAppsNeed)) {
    const entry = Object.keys(allowScripts).find((key) => key === dependency || key.startsWith(`${dependency}@`))

    if (entry === undefined) {
      allowScripts[dependency] = true
      changes.push(`allowScripts ${dependency}`)
    } else if (allowScripts[entry] === false) {
      skipped.push(`allowScripts "${entry}" (set to false; ${why})`)
    }
  }

  const text = created || changes.length > 0 ? `${JSON.stringify(packageJson, null, created ? 2 : indentOf(existingText))}\n` : undefined

  return {text, created, changes, skipped}
}
