/**
 * The string as one piece. V8 keeps a concatenation as a tree of its parts until something reads
 * it, and a string written out many times (a header block on every response, a log line to the
 * console and to the file) is copied piece by piece each time; reading a character flattens the
 * tree in place, once.
 */
export function flat(text: string): string {
  text.charCodeAt(0)

  return text
}
