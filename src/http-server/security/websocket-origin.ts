import type {IncomingMessage} from "node:http"
import type {HttpSecurity} from "./http-security.js"

/**
 * Cross-site websocket hijacking: any page can open a websocket to the app, and the browser
 * sends the app's cookies with the upgrade, after which its requests skip the CSRF check. So,
 * with CSRF protection on, a browser upgrade (it carries Origin) with cookies must come from
 * this host or from an origin the cors option allows (Rails: ActionCable's allowed_request_origins).
 * Clients that are not browsers send no Origin and pass.
 */
export function websocketOriginAllowed(security: HttpSecurity, incoming: IncomingMessage): boolean {
  const {origin, cookie, host} = incoming.headers

  if (!security.csrfProtection || origin === undefined || cookie === undefined) return true
  if (security.cors?.allowsOrigin(origin)) return true

  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}
