import fs from "node:fs"
import path from "node:path"

const appFileExtensions = [".ts", ".mts", ".js", ".mjs"]

/** `src/config/configuration` → the existing `.ts`/`.js` variant under `directory`, if any. */
export function findAppFile(directory: string, pathWithoutExtension: string): string | undefined {
  for (const extension of appFileExtensions) {
    const candidate = path.join(directory, `${pathWithoutExtension}${extension}`)

    if (fs.existsSync(candidate)) return candidate
  }

  return undefined
}
