import Cookie from "./cookie.js"
import {decryptCookieValue, encryptedPrefix} from "./cookie-encryption.js"
import {parseCookieHeader} from "./parse-cookie-header.js"

// iv + auth tag alone take 28 bytes, i.e. 38 base64url characters: shorter "v1." values are plain cookies.
const encryptedValuePattern = new RegExp(`^${encryptedPrefix.replace(".", "\\.")}[A-Za-z0-9_-]{38,}$`)

export interface ReadCookiesArgs {
  header: string | undefined
  secret: string | undefined
  /** Told about each encrypted cookie that did not decrypt (tampered, or made with another secret). */
  onRejected?: (name: string) => void
}

/** The request's cookies; an encrypted one that fails to decrypt is left out, as if never sent. */
export function readRequestCookies({header, secret, onRejected}: ReadCookiesArgs): Cookie[] {
  const cookies: Cookie[] = []

  for (const {name, value} of parseCookieHeader(header)) {
    if (!encryptedValuePattern.test(value)) {
      cookies.push(new Cookie(name, value))
      continue
    }

    const decrypted = secret ? decryptCookieValue(name, value, secret) : undefined

    if (decrypted === undefined) onRejected?.(name)
    else cookies.push(new Cookie(name, decrypted, true))
  }

  return cookies
}
