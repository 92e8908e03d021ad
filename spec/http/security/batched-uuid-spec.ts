import {batchedUuid} from "velocious/build/src/http-server/security/batched-uuid.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe("batchedUuid", () => {
  it("makes version 4 UUIDs that differ across many batches", () => {
    const ids = Array.from({length: 5000}, () => batchedUuid())

    for (const id of ids) expect(id).toMatch(uuidPattern)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it("uses every hex digit in every random position, so no byte is left unwritten", () => {
    // 2,000 ids: each random hex position sees each of its 16 digits with near certainty.
    const ids = Array.from({length: 2000}, () => batchedUuid())
    const variantDigits = new Set(ids.map((id) => id[19]))

    for (const position of [0, 7, 9, 12, 15, 17, 20, 35]) {
      expect(new Set(ids.map((id) => id[position])).size).toBe(16)
    }
    expect([...variantDigits].sort()).toEqual(["8", "9", "a", "b"])
  })
})
