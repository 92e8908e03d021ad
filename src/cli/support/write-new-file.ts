import fs from "node:fs/promises"
import path from "node:path"

export interface WriteNewFileArgs {
  /** Printed paths are relative to this folder (the app root). */
  cwd: string
  stdout: {write(text: string): unknown}
}

/**
 * Generators never overwrite: `source` is written only when `file` does not exist yet, and
 * each file is reported as `Created <path>` or `Skipped <path> (exists)`. Returns whether it wrote.
 */
export async function writeNewFile(file: string, source: string, {cwd, stdout}: WriteNewFileArgs): Promise<boolean> {
  try {
    await fs.mkdir(path.dirname(file), {recursive: true})
    // "wx" fails if the file exists, so a file created between a check and the write is still kept.
    await fs.writeFile(file, source, {flag: "wx"})
    stdout.write(`Created ${path.relative(cwd, file)}\n`)

    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error

    stdout.write(`Skipped ${path.relative(cwd, file)} (exists)\n`)

    return false
  }
}
