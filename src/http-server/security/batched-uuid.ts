import crypto from "node:crypto"

/*
 * Version 4 UUIDs (RFC 9562: 122 random bits from the CSPRNG with the version and variant bits
 * set), as crypto.randomUUID() makes them, formatted a batch at a time. randomUUID() joins each
 * id from 20 short strings, which V8 copies into one again when the header is written: with
 * reading the request's X-Request-Id that came to about 3,000 instructions of a 65,000
 * instruction hello (bench/http/instructions.mjs). Here a batch of random bytes is written as
 * text into a buffer and read out as one string, and each id is a slice of it (V8 keeps a slice
 * of 13 characters or more as a view into its parent, not a copy).
 *
 * Why it is written the way it is: one randomFillSync() call costs about 1 µs whatever its
 * size up to a few KB, so the random bytes come 512 ids at a time; and a byte-at-a-time hex
 * loop cost about 50 ns an id, so each byte's two digits are one 16-bit store from a table,
 * unrolled for the id's fixed layout (about 8 ns an id).
 *
 * What that costs: an id kept alive keeps its batch's text alive, 32 ids of 36 characters
 * (about 1.2 KB). Request ids are written into a header and a log line and then dropped.
 */
const idsPerBatch = 32
const idLength = 36
const randomIdsPerFill = 512
const random = Buffer.allocUnsafe(16 * randomIdsPerFill)
const text = Buffer.allocUnsafe(idLength * idsPerBatch)
const textView = new DataView(text.buffer, text.byteOffset, text.length)
// A byte's two lower-case hex digits as a little-endian 16-bit value: first digit first.
const hexPairs = new Uint16Array(256)
let randomOffset = random.length
let batch = ""
let nextId = idsPerBatch

for (let byte = 0; byte < 256; byte++) {
  hexPairs[byte] = "0123456789abcdef".charCodeAt(byte >> 4) | ("0123456789abcdef".charCodeAt(byte & 0x0f) << 8)
}

/** A new random (version 4) UUID in lower case, like crypto.randomUUID(). */
export function batchedUuid(): string {
  if (nextId === idsPerBatch) refill()

  const start = nextId++ * idLength

  return batch.slice(start, start + idLength)
}

function refill(): void {
  if (randomOffset === random.length) {
    crypto.randomFillSync(random)
    randomOffset = 0
  }

  for (let id = 0; id < idsPerBatch; id++) {
    const b = randomOffset + id * 16
    const c = id * idLength

    // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: byte 6 carries the version (4), byte 8 the variant (10xx).
    textView.setUint16(c, hexPairs[random[b]], true)
    textView.setUint16(c + 2, hexPairs[random[b + 1]], true)
    textView.setUint16(c + 4, hexPairs[random[b + 2]], true)
    textView.setUint16(c + 6, hexPairs[random[b + 3]], true)
    textView.setUint16(c + 9, hexPairs[random[b + 4]], true)
    textView.setUint16(c + 11, hexPairs[random[b + 5]], true)
    textView.setUint16(c + 14, hexPairs[(random[b + 6] & 0x0f) | 0x40], true)
    textView.setUint16(c + 16, hexPairs[random[b + 7]], true)
    textView.setUint16(c + 19, hexPairs[(random[b + 8] & 0x3f) | 0x80], true)
    textView.setUint16(c + 21, hexPairs[random[b + 9]], true)
    textView.setUint16(c + 24, hexPairs[random[b + 10]], true)
    textView.setUint16(c + 26, hexPairs[random[b + 11]], true)
    textView.setUint16(c + 28, hexPairs[random[b + 12]], true)
    textView.setUint16(c + 30, hexPairs[random[b + 13]], true)
    textView.setUint16(c + 32, hexPairs[random[b + 14]], true)
    textView.setUint16(c + 34, hexPairs[random[b + 15]], true)
    text[c + 8] = text[c + 13] = text[c + 18] = text[c + 23] = 0x2d
  }

  randomOffset += idsPerBatch * 16
  batch = text.toString("latin1")
  nextId = 0
}
