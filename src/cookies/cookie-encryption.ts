import crypto from "node:crypto"
import {MissingCookieSecretError} from "./errors.js"

// Marks a value as ours, so reading knows to decrypt; the version allows changing the scheme later.
export const encryptedPrefix = "v1."

const ivBytes = 12
const tagBytes = 16
const keys = new Map<string, Buffer>()

/** A 256-bit key from the secret via HKDF, so the secret can be any length and is never used as a key directly. */
function keyFor(secret: string): Buffer {
  let key = keys.get(secret)

  if (!key) {
    key = Buffer.from(crypto.hkdfSync("sha256", secret, "velocious", "velocious encrypted cookies", 32))
    keys.set(secret, key)
  }

  return key
}

export function requireSecret(secret: string | undefined): string {
  if (!secret) {
    throw new MissingCookieSecretError("Encrypted cookies need a secret: set cookieSecret in new Configuration({...}) (e.g. cookieSecret: process.env.COOKIE_SECRET, a long random string)")
  }

  return secret
}

/**
 * AES-256-GCM with the cookie's name as additional data, so a value cannot be moved to
 * another cookie, and the auth tag makes any change to it detectable.
 */
export function encryptCookieValue(name: string, value: string, secret: string): string {
  const iv = crypto.randomBytes(ivBytes)
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFor(secret), iv)

  cipher.setAAD(Buffer.from(name, "utf8"))

  const encrypted = Buffer.concat([cipher.update(value, "utf8"), cipher.final()])

  return `${encryptedPrefix}${Buffer.concat([iv, encrypted, cipher.getAuthTag()]).toString("base64url")}`
}

/** The plain value, or undefined when the value was not made with this secret for this name. */
export function decryptCookieValue(name: string, stored: string, secret: string): string | undefined {
  if (!stored.startsWith(encryptedPrefix)) return undefined

  const data = Buffer.from(stored.slice(encryptedPrefix.length), "base64url")

  if (data.length < ivBytes + tagBytes) return undefined

  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", keyFor(secret), data.subarray(0, ivBytes))

    decipher.setAAD(Buffer.from(name, "utf8"))
    decipher.setAuthTag(data.subarray(data.length - tagBytes))

    return Buffer.concat([decipher.update(data.subarray(ivBytes, data.length - tagBytes)), decipher.final()]).toString("utf8")
  } catch {
    return undefined
  }
}
