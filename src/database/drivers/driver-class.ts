import type BaseDriver from "./base/base-driver.js"
import type {DriverConfig, DriverEnvironment} from "./base/driver-config.js"

export type DriverClass = new (config: DriverConfig, environment?: DriverEnvironment) => BaseDriver
