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
 * What that costs: an id kept alive keeps its batch's text alive, 32 ids of 36 characters
 * (about 1.2 KB). Request ids are written into a header and a log line and then dropped.
 */
const idsPerBatch = 32
const idLength = 36
const random = Buffer.allocUnsafe(16 * idsPerBatch)
const text = Buffer.allocUnsafe(idLength * idsPerBatch)
const hexDigits = Buffer.from("0123456789abcdef", "latin1")
// Where each of the 16 bytes' two hex digits go in an id; "-" is at 8, 13, 18 and 23.
const digitOffsets = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34]
let batch = ""
let nextId = idsPerBatch

/** A new random (version 4) UUID in lower case, like crypto.randomUUID(). */
export function batchedUuid(): string {
  if (nextId === idsPerBatch) refill()

  const start = nextId++ * idLength

  return batch.slice(start, start + idLength)
}

function refill(): void {
  crypto.randomFillSync(random)

  for (let id = 0; id < idsPerBatch; id++) {
    const bytes = id * 16
    const chars = id * idLength

    random[bytes + 6] = (random[bytes + 6] & 0x0f) | 0x40 // version 4
    random[bytes + 8] = (random[bytes + 8] & 0x3f) | 0x80 // variant 10xx (RFC 9562)

    for (let index = 0; index < 16; index++) {
      const byte = random[bytes + index]
      const at = chars + digitOffsets[index]

      text[at] = hexDigits[byte >> 4]
      text[at + 1] = hexDigits[byte & 0x0f]
    }

    text[chars + 8] = text[chars + 13] = text[chars + 18] = text[chars + 23] = 0x2d
  }

  batch = text.toString("latin1")
  nextId = 0
}
