import {checkKeys} from "../../utils/check-keys.js"
import Response from "../response.js"
import {SecurityConfigurationError} from "./errors.js"
import type {HealthCheckOptions} from "./options.js"

export interface HealthCheck {
  path: string
  check: (() => unknown) | undefined
}

export function healthCheckFrom(option: false | HealthCheckOptions | undefined): HealthCheck | undefined {
  if (option === false) return undefined

  const options = option || {}

  checkKeys(options, ["path", "check"], "healthCheck")

  const path = options.path ?? "/up"

  if (typeof path !== "string" || !path.startsWith("/") || path.includes("?")) throw new SecurityConfigurationError(`healthCheck: path must start with "/" and have no query string, got ${JSON.stringify(path)}`)
  if (options.check !== undefined && typeof options.check !== "function") throw new SecurityConfigurationError("healthCheck: check must be a function (it may be async; a throw answers 503)")

  return {path, check: options.check}
}

/**
 * Rails 7.1's /up: 200 with a green page (or {"status":"up"} for JSON clients) once the app
 * booted and `check` passed, 503 otherwise. Load balancers and uptime monitors poll it, so it
 * runs no controller and needs no database unless `check` asks for one.
 */
export async function healthCheckResponse(healthCheck: HealthCheck, json: boolean, onFailure: (error: unknown) => void): Promise<Response> {
  let up = true

  try {
    if (healthCheck.check) await healthCheck.check()
  } catch (error) {
    up = false
    onFailure(error)
  }

  const response = new Response().setStatus(up ? 200 : 503).setHeader("cache-control", "no-store")

  if (json) {
    response.setHeader("content-type", "application/json; charset=utf-8").setBody(up ? "{\"status\":\"up\"}" : "{\"status\":\"down\"}")
  } else {
    response.setHeader("content-type", "text/html; charset=utf-8").setBody(`<!DOCTYPE html><html><body style="background-color: ${up ? "green" : "red"}"></body></html>`)
  }

  return response
}
