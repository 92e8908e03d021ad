/**
 * MySQL's TEXT and BLOB hold at most 64 KB; a larger value is refused ("Data too long"). As in
 * Rails, `limit:` picks the smallest of the four sizes that holds that many bytes:
 * `t.text("body", {limit: 1024 * 1024})` is MEDIUMTEXT (up to 16 MB - 1), 16 MB and more LONGTEXT. PostgreSQL's and SQLite's text and
 * blobs have no such sizes and ignore the limit.
 */
const sizes: {prefix: string, maxBytes: number}[] = [
  {prefix: "tiny", maxBytes: 255},
  {prefix: "", maxBytes: 65_535},
  {prefix: "medium", maxBytes: 16_777_215},
  {prefix: "long", maxBytes: 4_294_967_295}
]

export function sizedLobType(base: "text" | "blob", limit: number | undefined): string {
  if (limit === undefined) return base
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A ${base} column's limit is its size in bytes, a whole number above 0; got ${String(limit)}`)

  const size = sizes.find((each) => limit <= each.maxBytes)

  if (!size) throw new RangeError(`A ${base} column holds at most 4 GB (${sizes[sizes.length - 1].maxBytes} bytes) on MySQL; got a limit of ${limit}`)

  return `${size.prefix}${base}`
}

/** The limit that gives back a sized type (the largest value it holds), for the schema read back; none for plain TEXT and BLOB. */
export function lobLimitOf(type: string): number | undefined {
  const match = /^(tiny|medium|long)(text|blob)$/.exec(type)

  return match ? sizes.find((each) => each.prefix === match[1])?.maxBytes : undefined
}
