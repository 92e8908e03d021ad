const registeredKey = Symbol.for("velocious.typescript.registered")
const globalStore = globalThis as unknown as Record<symbol, boolean | undefined>

const typeScriptExtension = /\.[cm]?tsx?$/

export function isTypeScriptFile(file: string): boolean {
  return typeScriptExtension.test(file)
}

/**
 * Lets `import()` load an app's .ts files without a build step. tsx (esbuild) strips types
 * and maps `./x.js` imports to `./x.ts`; it is registered only when a .ts file is about to
 * load, so JavaScript apps pay nothing for it.
 */
export async function registerTypeScript(): Promise<void> {
  if (globalStore[registeredKey]) return

  const [esm, cjs] = await Promise.all([import("tsx/esm/api"), import("tsx/cjs/api")])

  // Both: a .ts file in a package without "type": "module" is loaded as CommonJS.
  esm.register()
  cjs.register()
  globalStore[registeredKey] = true
}

export async function registerTypeScriptFor(files: string[]): Promise<void> {
  if (files.some(isTypeScriptFile)) await registerTypeScript()
}
