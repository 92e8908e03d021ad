import fs from "node:fs/promises"
import path from "node:path"

/** The app's .js/.mjs/.ts/.mts files under directory, recursively and sorted; specs, tests and .d.ts files left out. A missing folder has none. */
export async function appSourceFiles(directory: string): Promise<string[]> {
  const entries = await fs.readdir(directory, {withFileTypes: true}).catch(() => [])
  const files: string[] = []

  for (const entry of entries) {
    const full = path.join(directory, entry.name)

    if (entry.isDirectory()) files.push(...await appSourceFiles(full))
    else if (/\.(js|mjs|ts|mts)$/.test(entry.name) && !entry.name.endsWith(".d.ts") && !/[-.](spec|test)\./.test(entry.name)) files.push(full)
  }

  return files.sort()
}
