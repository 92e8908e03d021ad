import {closestMatch} from "./closest-match.js"

export class UnknownOptionError extends Error {
  override name = "UnknownOptionError"
}

/**
 * Throws when `options` holds a key that is not in `allowedKeys`, naming the key, the
 * closest valid one and the full list, so a typo never passes silently.
 */
export function checkKeys(options: object, allowedKeys: readonly string[], where: string): void {
  for (const key of Object.keys(options)) {
    if (allowedKeys.includes(key)) continue

    const suggestion = closestMatch(key, allowedKeys)
    const hint = suggestion ? ` Did you mean '${suggestion}'?` : ""

    throw new UnknownOptionError(`Unknown option '${key}' given to ${where}.${hint} Valid options: ${allowedKeys.join(", ")}`)
  }
}
