import type {DialectName} from "./base/adapter.js"
import type {DriverConfig} from "./base/driver-config.js"
import {DatabaseConfigurationError} from "./base/errors.js"
import type {DriverClass} from "./driver-class.js"

export type {DriverClass} from "./driver-class.js"

// Imported on demand so an app on one dialect never loads the others' modules.
const loaders: Record<DialectName, () => Promise<{default: DriverClass}>> = {
  sqlite: () => import("./sqlite/index.js"),
  pgsql: () => import("./pgsql/index.js"),
  mysql: () => import("./mysql/index.js")
}

/** Under Node: the driver class for a database configuration, its `driver` if given, else the one for its `type`. */
export async function driverClassFor(config: DriverConfig): Promise<DriverClass> {
  if (typeof config.driver === "function") return config.driver as DriverClass

  const loader = loaders[config.type]

  if (!loader) {
    throw new DatabaseConfigurationError(`Unknown database type ${JSON.stringify(config.type)}: use "sqlite", "pgsql" or "mysql"`)
  }

  return (await loader()).default
}
