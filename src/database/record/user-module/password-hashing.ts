/**
 * Password hashing on WebCrypto only (Node 20+ and browsers share `globalThis.crypto`), so a
 * model file that attaches the user module still bundles for the browser.
 *
 * Stored as `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`: the string carries
 * everything verification needs, so raising the iteration count later still verifies old hashes.
 * The secret key is a pepper: the password goes through HMAC-SHA256 keyed with it before
 * PBKDF2, so a leaked database alone is not enough to test guesses.
 */

export const minimumIterations = 210_000
// A stored count is trusted only up to this, so a tampered row cannot stall a login.
const maximumIterations = 10_000_000
const scheme = "pbkdf2-sha256"
const saltBytes = 16
const hashBits = 256
const encoder = new TextEncoder()

function subtle(): SubtleCrypto {
  return globalThis.crypto.subtle
}

function toBase64(bytes: Uint8Array): string {
  let binary = ""

  for (const byte of bytes) binary += String.fromCharCode(byte)

  return btoa(binary)
}

function fromBase64(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0))
  } catch {
    return undefined
  }
}

async function pepper(password: string, secretKey: string): Promise<ArrayBuffer> {
  const key = await subtle().importKey("raw", encoder.encode(secretKey), {name: "HMAC", hash: "SHA-256"}, false, ["sign"])

  return await subtle().sign("HMAC", key, encoder.encode(password))
}

async function derive(password: string, secretKey: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const material = await subtle().importKey("raw", await pepper(password, secretKey), "PBKDF2", false, ["deriveBits"])
  const bits = await subtle().deriveBits({name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations}, material, hashBits)

  return new Uint8Array(bits)
}

/** Compares every byte whatever the first difference, so timing says nothing about the hash. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length

  for (let index = 0; index < Math.max(a.length, b.length); index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0)

  return difference === 0
}

export async function hashPassword(password: string, secretKey: string, iterations = minimumIterations): Promise<string> {
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(saltBytes))
  const hash = await derive(password, secretKey, salt, iterations)

  return `${scheme}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`
}

/** False for a wrong password and for anything that is not a hash this module wrote. */
export async function verifyPassword(password: string, stored: unknown, secretKey: string): Promise<boolean> {
  if (typeof stored !== "string") return false

  const [storedScheme, iterationText, saltText, hashText, ...rest] = stored.split("$")
  const iterations = Number(iterationText)

  if (storedScheme !== scheme || rest.length > 0 || !/^\d+$/.test(iterationText ?? "") || iterations < 1 || iterations > maximumIterations) return false

  const salt = fromBase64(saltText ?? "")
  const expected = fromBase64(hashText ?? "")

  if (!salt || !expected || salt.length === 0 || expected.length === 0) return false

  return constantTimeEqual(await derive(password, secretKey, salt, iterations), expected)
}

/** For a password set but not saved yet: compares the peppered digests, again in constant time. */
export async function samePassword(candidate: string, password: string, secretKey: string): Promise<boolean> {
  const [a, b] = await Promise.all([pepper(candidate, secretKey), pepper(password, secretKey)])

  return constantTimeEqual(new Uint8Array(a), new Uint8Array(b))
}
