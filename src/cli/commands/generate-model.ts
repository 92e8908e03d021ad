import fs from "node:fs/promises"
import path from "node:path"
import type {CommandContext} from "../command.js"
import {migrationsDirectory} from "../support/app-command.js"
import {appLanguage} from "../support/app-language.js"
import {migrationTimestamp} from "../support/migration-timestamp.js"
import {modelsDirectory} from "../support/load-app-models.js"
import {modelSource, type ModelAttribute} from "../generators/model/model-source.js"
import {writeNewFile} from "../support/write-new-file.js"
import {classify, dasherize, pluralize, underscore} from "../../utils/inflection.js"
import {columnTypes} from "../../database/drivers/base/column-types.js"

type AttributeSpec = ModelAttribute

/** Class name → file name without extension, for the models already in src/models. */
async function appModelFiles(directory: string): Promise<Map<string, string>> {
  const files = await fs.readdir(directory).catch(() => [] as string[])

  return new Map(files.filter((file) => /\.[jt]s$/.test(file)).map((file) => {
    const base = file.replace(/\.[jt]s$/, "")

    return [classify(underscore(base)), base]
  }))
}

function parseAttributes(values: string[]): AttributeSpec[] {
  return values.flatMap((value) => value.split(/[\s,]+/)).filter(Boolean).map((spec) => {
    const [name, type = "string"] = spec.split(":")

    if (!/^[a-z][a-z0-9_]*$/i.test(name)) throw new Error(`Attribute "${spec}": use name:type, e.g. title:string`)
    if (!(columnTypes as readonly string[]).includes(type) && type !== "references") throw new Error(`Attribute "${spec}": unknown type "${type}"; use one of ${[...columnTypes, "references"].join(", ")}`)

    return {name: underscore(name), type}
  })
}

export default async function generateModel({cwd, positionals, values, stdout, stderr}: CommandContext): Promise<number> {
  const [rawName, ...attributeArguments] = positionals

  // `--attributes name:string done:boolean` leaves the later specs as positionals; Rails-style
  // `g:model Task name:string` reads the same way.
  if (!rawName || !/^[A-Za-z][A-Za-z0-9_-]*$/.test(rawName) || attributeArguments.some((argument) => !argument.includes(":"))) {
    stderr.write("Usage: velocious g:model <Name> [--attributes name:string done:boolean], e.g. velocious g:model Task --attributes title:string done:boolean\n")

    return 2
  }

  let attributes: AttributeSpec[]

  try {
    attributes = parseAttributes([...((values.attributes as string[] | undefined) || []), ...attributeArguments])
  } catch (error) {
    stderr.write(`${(error as Error).message}\n`)

    return 2
  }

  const className = classify(underscore(rawName))
  const table = pluralize(underscore(className))
  const extension = await appLanguage(cwd) === "typescript" ? "ts" : "js"
  const existingModels = await appModelFiles(path.join(cwd, modelsDirectory))
  const columnLines = attributes.map((attribute) => attribute.type === "references" ? `      t.references("${attribute.name}")` : `      t.${attribute.type}("${attribute.name}")`)
  const migrationName = `create-${dasherize(table)}`
  const migrationsPath = path.join(cwd, migrationsDirectory)
  const existing = await fs.readdir(migrationsPath).catch(() => [] as string[])
  const migrationSource = [
    `import Migration from "velocious/build/src/database/migration/index.js"`,
    ``,
    `export default class ${classify(migrationName.replace(/-/g, "_"))} extends Migration {`,
    `  async up() {`,
    `    await this.createTable("${table}", (t) => {`,
    ...columnLines,
    `      t.timestamps()`,
    `    })`,
    `  }`,
    ``,
    `  async down() {`,
    `    await this.dropTable("${table}")`,
    `  }`,
    `}`,
    ``
  ].join("\n")

  await writeNewFile(path.join(cwd, modelsDirectory, `${dasherize(className)}.${extension}`), modelSource(className, attributes, {typescript: extension === "ts", existingModels}), {cwd, stdout})

  if (existing.some((file) => file.slice(15).replace(/\.[jt]s$/, "") === migrationName)) {
    stdout.write(`Skipped the ${migrationName} migration (exists)\n`)
  } else {
    const version = migrationTimestamp(new Date(), existing.map((file) => file.slice(0, 14)))

    await writeNewFile(path.join(migrationsPath, `${version}-${migrationName}.${extension}`), migrationSource, {cwd, stdout})
  }

  return 0
}
