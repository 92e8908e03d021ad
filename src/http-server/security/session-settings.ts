import {checkKeys} from "../../utils/check-keys.js"
import {SecurityConfigurationError} from "./errors.js"
import type {SessionOptions} from "./options.js"

export interface SessionSettings {
  cookieName: string
  maxAge: number | undefined
  sameSite: NonNullable<SessionOptions["sameSite"]>
  domain: string | undefined
  path: string
  secure: boolean
}

export function sessionSettingsFrom(options: SessionOptions | undefined, secure: boolean): SessionSettings {
  const given = options || {}

  checkKeys(given, ["cookieName", "maxAge", "sameSite", "domain", "path"], "session")

  if (given.maxAge !== undefined && (!Number.isFinite(given.maxAge) || given.maxAge <= 0)) {
    throw new SecurityConfigurationError(`session: maxAge must be a number of seconds above 0, got ${String(given.maxAge)}`)
  }

  const sameSite = given.sameSite ?? "Lax"

  // Browsers drop SameSite=None cookies that are not Secure.
  if (sameSite.toLowerCase() === "none" && !secure) throw new SecurityConfigurationError("session: sameSite \"None\" needs Secure cookies: set secureCookies: true (HTTPS only)")

  return {cookieName: given.cookieName ?? "_velocious_session", maxAge: given.maxAge, sameSite, domain: given.domain, path: given.path ?? "/", secure}
}
