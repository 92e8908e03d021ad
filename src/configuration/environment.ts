/** `VELOCIOUS_ENV`, then `NODE_ENV`, then `development`; safe where `process` does not exist (browser). */
export function environmentFromProcess(): string {
  const env = typeof process === "undefined" ? undefined : process.env

  return env?.VELOCIOUS_ENV || env?.NODE_ENV || "development"
}
