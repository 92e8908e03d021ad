import {MissingDatabasePackageError} from "./errors.js"

export type ModuleImporter = (specifier: string) => Promise<unknown>

export const defaultImporter: ModuleImporter = (specifier) => import(specifier)

function isModuleNotFound(error: unknown, packageName: string): boolean {
  if (!(error instanceof Error)) return false

  const code = (error as {code?: unknown}).code

  if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return error.message.includes(packageName)

  return false
}

/**
 * pg and mysql2 are optional peer dependencies: an app on SQLite never installs them, so they
 * are imported only when a driver connects, and a missing one says exactly what to install.
 */
export async function loadPeerDependency<Module>(args: {specifier: string, packageName: string, databaseType: string, importer?: ModuleImporter}): Promise<Module> {
  const {specifier, packageName, databaseType, importer = defaultImporter} = args

  try {
    const loaded = await importer(specifier) as {default?: unknown}

    // pg is CommonJS: its API sits on `default` when imported from ESM.
    return (loaded.default ?? loaded) as Module
  } catch (error) {
    if (!isModuleNotFound(error, packageName)) throw error

    throw new MissingDatabasePackageError(
      `The "${databaseType}" database type needs the "${packageName}" package, which is not installed. Install it with: npm install ${packageName}`,
      packageName,
      {cause: error}
    )
  }
}
