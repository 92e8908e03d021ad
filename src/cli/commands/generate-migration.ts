import fs from "node:fs/promises"
import path from "node:path"
import type {CommandContext} from "../command.js"
import {migrationsDirectory} from "../support/app-command.js"
import {appLanguage} from "../support/app-language.js"
import {migrationTimestamp} from "../support/migration-timestamp.js"
import {classify} from "../../utils/inflection.js"

export default async function generateMigration({cwd, positionals, stdout, stderr}: CommandContext): Promise<number> {
  const [rawName] = positionals

  if (!rawName || positionals.length > 1 || !/^[a-z][a-z0-9_-]*$/i.test(rawName)) {
    stderr.write("Usage: velocious g:migration <name>, e.g. velocious g:migration create-tasks\n")

    return 2
  }

  const name = rawName.replace(/_/g, "-").replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()
  const extension = await appLanguage(cwd) === "typescript" ? "ts" : "js"
  const directory = path.join(cwd, migrationsDirectory)
  const existing = await fs.readdir(directory).catch(() => [] as string[])
  const version = migrationTimestamp(new Date(), existing.map((file) => file.slice(0, 14)))
  const file = path.join(directory, `${version}-${name}.${extension}`)
  const source = [
    `import Migration from "velocious/build/src/database/migration/index.js"`,
    ``,
    `export default class ${classify(name)} extends Migration {`,
    `  async up() {`,
    `  }`,
    ``,
    `  async down() {`,
    `  }`,
    `}`,
    ``
  ].join("\n")

  await fs.mkdir(directory, {recursive: true})
  await fs.writeFile(file, source, {flag: "wx"})
  stdout.write(`Created ${path.relative(cwd, file)}\n`)

  return 0
}
