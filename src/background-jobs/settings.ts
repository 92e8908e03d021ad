import type Configuration from "../configuration.js"

export interface BackgroundJobsSettings {
  host: string
  port: number
  databaseIdentifier: string
  leaseMs: number
  retryBackoffScale: number
  pollIntervalMs: number
}

export const defaultPort = 7331

function envNumber(name: string): number | undefined {
  const value = process.env[name]

  if (value === undefined || value === "") return undefined

  const number = Number(value)

  if (!Number.isFinite(number)) throw new Error(`${name} must be a number, got "${value}"`)

  return number
}

/** The backgroundJobs options with their defaults; the VELOCIOUS_BACKGROUND_JOBS_* env vars win over the file. */
export function backgroundJobsSettings(configuration: Configuration): BackgroundJobsSettings {
  const options = configuration.options.backgroundJobs || {}

  return {
    host: process.env.VELOCIOUS_BACKGROUND_JOBS_HOST || options.host || "127.0.0.1",
    port: envNumber("VELOCIOUS_BACKGROUND_JOBS_PORT") ?? options.port ?? defaultPort,
    databaseIdentifier: process.env.VELOCIOUS_BACKGROUND_JOBS_DATABASE_IDENTIFIER || options.databaseIdentifier || "default",
    leaseMs: (options.leaseSeconds ?? 7200) * 1000,
    retryBackoffScale: options.retryBackoffScale ?? 1,
    pollIntervalMs: options.pollIntervalMs ?? 1000
  }
}
