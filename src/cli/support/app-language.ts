import fs from "node:fs/promises"
import path from "node:path"
import {findAppFile} from "../../utils/app-file.js"

/** TypeScript when the app has a tsconfig.json or a .ts configuration, else JavaScript. */
export async function appLanguage(cwd: string): Promise<"typescript" | "javascript"> {
  if (await fs.stat(path.join(cwd, "tsconfig.json")).then(() => true, () => false)) return "typescript"

  const configuration = findAppFile(cwd, "src/config/configuration")

  return configuration?.endsWith("ts") ? "typescript" : "javascript"
}
