import crypto from "node:crypto"
import type Request from "../http-server/request.js"
import {escapeHtml} from "../http-server/error-responses.js"
import {InvalidAuthenticityTokenError} from "../http-server/security/errors.js"
import {checkKeys} from "../utils/check-keys.js"
import type {CallbackOptions} from "./callbacks.js"
import type Session from "./session.js"

export const tokenParam = "authenticity_token"
const sessionKey = "_csrf_token"
const tokenBytes = 32

const skips = new WeakMap<Function, {only: string[] | undefined, except: string[] | undefined}[]>()

/** `static skipForgeryProtection({only, except})`: for actions other sites may post to (webhooks). */
export function skipForgeryProtection(controllerClass: Function, options: CallbackOptions = {}): void {
  checkKeys(options, ["only", "except"], `skipForgeryProtection() on ${controllerClass.name}`)

  const list = skips.get(controllerClass) || []
  const toList = (value: string | string[] | undefined) => value === undefined ? undefined : Array.isArray(value) ? value : [value]

  list.push({only: toList(options.only), except: toList(options.except)})
  skips.set(controllerClass, list)
}

function isSkipped(controllerClass: Function, action: string): boolean {
  for (let each: any = controllerClass; each && each !== Function.prototype; each = Object.getPrototypeOf(each)) {
    for (const skip of skips.get(each) || []) {
      if ((!skip.only || skip.only.includes(action)) && !skip.except?.includes(action)) return true
    }
  }

  return false
}

/**
 * Which unsafe requests need a token (the rule is documented in the README, "CSRF protection"):
 * only those a page on another site could make a browser send with the user's cookies, i.e.
 * requests that carry cookies and whose body is one an HTML form can send (urlencoded,
 * multipart, text/plain, or none). A JSON body needs a CORS preflight, which the cors option
 * controls; a request without cookies carries no one's login. Websocket requests are not
 * checked: their connection was opened by the page itself.
 */
export function needsToken(request: Request, controllerClass: Function, action: string): boolean {
  if (request.isWebsocket()) return false

  const headers = request.headers()

  if (headers.cookie === undefined) return false

  const contentType = headers["content-type"]

  if (contentType !== undefined && isJsonType(contentType)) return false

  return !isSkipped(controllerClass, action)
}

function isJsonType(contentType: string): boolean {
  const type = contentType.split(";")[0].trim().toLowerCase()

  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"))
}

/** The real token, kept in the session (made on first use). */
function sessionToken(session: Session): Buffer {
  const stored = session.get<string>(sessionKey)

  if (typeof stored === "string") {
    const decoded = Buffer.from(stored, "base64url")

    if (decoded.length === tokenBytes) return decoded
  }

  const token = crypto.randomBytes(tokenBytes)

  session.set(sessionKey, token.toString("base64url"))

  return token
}

/** A token for a form or meta tag: masked with a fresh one-time pad each time, so pages never repeat it (BREACH). */
export function maskedToken(session: Session): string {
  const token = sessionToken(session)
  const pad = crypto.randomBytes(tokenBytes)
  const masked = Buffer.alloc(tokenBytes * 2)

  pad.copy(masked)
  for (let index = 0; index < tokenBytes; index++) masked[tokenBytes + index] = pad[index] ^ token[index]

  return masked.toString("base64url")
}

function tokenMatches(given: unknown, session: Session): boolean {
  if (typeof given !== "string" || given.length === 0) return false

  const stored = session.get<string>(sessionKey)

  if (typeof stored !== "string") return false

  const token = Buffer.from(stored, "base64url")
  const masked = Buffer.from(given, "base64url")

  if (token.length !== tokenBytes || masked.length !== tokenBytes * 2) return false

  const unmasked = Buffer.alloc(tokenBytes)

  for (let index = 0; index < tokenBytes; index++) unmasked[index] = masked[index] ^ masked[tokenBytes + index]

  return crypto.timingSafeEqual(unmasked, token)
}

/** Rails' forgery_protection_origin_check: a browser's Origin header, when sent, must be this host. */
function originMatches(request: Request): boolean {
  const origin = request.header("origin")

  if (origin === undefined) return true
  if (origin === "null") return false

  try {
    return new URL(origin).host === request.header("host")
  } catch {
    return false
  }
}

export interface VerifyArgs {
  request: Request
  params: Record<string, unknown>
  /** undefined when there is no cookieSecret (so no session can hold a token) */
  session: () => Session | undefined
}

export function verifyAuthenticityToken({request, params, session}: VerifyArgs): void {
  const current = session()

  if (!current) {
    throw new InvalidAuthenticityTokenError("Can't verify CSRF token authenticity: the token lives in the session, which needs cookieSecret in new Configuration({...})")
  }
  if (!originMatches(request)) {
    throw new InvalidAuthenticityTokenError(`Can't verify CSRF token authenticity: the Origin header (${request.header("origin")}) does not match this host (${request.header("host")})`)
  }

  const given = request.header("x-csrf-token") ?? params[tokenParam]

  if (!tokenMatches(given, current)) {
    throw new InvalidAuthenticityTokenError(`Can't verify CSRF token authenticity: send the token from controller.authenticityTokenField() as the '${tokenParam}' param, or from controller.csrfMetaTags() in an X-CSRF-Token header`)
  }
}

export function metaTags(token: string): string {
  return `<meta name="csrf-param" content="${tokenParam}" />\n<meta name="csrf-token" content="${escapeHtml(token)}" />`
}

export function hiddenField(token: string): string {
  return `<input type="hidden" name="${tokenParam}" value="${escapeHtml(token)}" autocomplete="off" />`
}
