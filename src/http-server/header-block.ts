import {flat} from "../utils/flat-string.js"

/**
 * Headers that are the same on every response (the security headers), checked once at boot and
 * spliced into the header text node:http serializes, instead of being handed to writeHead().
 *
 * Why: writeHead() validates every header name and value with a regular expression, lower-cases
 * the name and concatenates it, on every response. Measured with callgrind on bench:http's
 * hello route, that was about 2,200 instructions per header: the three default security headers
 * and X-Request-Id came to 9,000 of a hello's 75,000 (raw node:http with two headers: 51,000).
 * Values that never change need that check once, not per response.
 *
 * How: see header-block-response.ts, which puts the text into node's serialized header. This file
 * has no node:http import because the configuration (and so the browser build) reaches it.
 */
export interface HeaderBlock {
  /** Lower-case names in the block, so a response that sets one of them itself can be sent without the block. */
  readonly names: readonly string[]
  /** `name: value\r\n` lines; undefined when the headers include one node:http must see itself (then they go to writeHead()). */
  readonly text: string | undefined
  /** The same headers as a flat [name, value, ...] list with lower-case names, for responses that cannot take the block. */
  readonly list: readonly string[]
  /** `text` and the request id header's name, one flat string: a response's lines are then this, the id and the rest. */
  readonly requestIdPrefix: string | undefined
}

// Headers node:http reads as well as writes (its matchHeader): the framing and keep-alive logic
// must see these, so they never go into a block. Nor does X-Request-Id, which each request's
// own id replaces.
const excludedHeaders = new Set(["connection", "content-length", "date", "expect", "keep-alive", "trailer", "transfer-encoding", "x-request-id"])

/**
 * A block of the headers in a flat [name, value, ...] list, validated the way node:http would
 * (http.validateHeaderName/Value throw the same errors, now at boot instead of on each
 * response). Undefined for an empty list.
 */
export function headerBlockFrom(list: readonly string[] | undefined): HeaderBlock | undefined {
  if (!list || list.length === 0) return undefined

  const names: string[] = []
  const lowerCased: string[] = []
  let text: string | undefined = ""

  for (let index = 0; index < list.length; index += 2) {
    const name = list[index].toLowerCase()
    const value = list[index + 1]

    validateHeader(name, value)
    names.push(name)
    lowerCased.push(name, value)
    if (excludedHeaders.has(name)) text = undefined
    else if (text !== undefined) text += `${name}: ${value}\r\n`
  }

  return Object.freeze({names: Object.freeze(names), text: text === undefined ? undefined : flat(text), list: Object.freeze(lowerCased), requestIdPrefix: text === undefined ? undefined : flat(`${text}x-request-id: `)})
}

// The rules node:http's validateHeaderName/validateHeaderValue apply (RFC 9110 token; field
// content of tab, visible ASCII and obs-text), with node's messages, so a bad header fails at
// boot exactly as it would have failed on the first response.
const tokenPattern = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/
const invalidValueCharacter = /[^\t\x20-\x7e\x80-\xff]/

function validateHeader(name: string, value: unknown): void {
  if (!tokenPattern.test(name)) throw new TypeError(`Header name must be a valid HTTP token ["${name}"]`)
  if (typeof value !== "string") throw new TypeError(`Invalid value "${String(value)}" for header "${name}"`)
  if (invalidValueCharacter.test(value)) throw new TypeError(`Invalid character in header content ["${name}"]`)
}
