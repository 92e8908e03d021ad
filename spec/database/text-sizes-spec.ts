import {describe, it, expect} from "velocious/build/src/testing/test.js"
import Record from "velocious/build/src/database/record/index.js"
import {sizedLobType} from "velocious/build/src/database/drivers/mysql/mysql-lob-sizes.js"
import {useScratchTable} from "./support/scratch-table.js"
import {testDatabases} from "./support/test-databases.js"

// MySQL's TEXT and BLOB hold 64 KB. `limit:` picks a larger size, as in Rails
// (mysql-lob-sizes.ts); before 2026-12 it was ignored, so a text column could not hold more
// than 64 KB on MySQL however it was declared.
class Article extends Record {}
interface Article {
  body(): string | null
  short(): string | null
  data(): Uint8Array | null
}

const large = "x".repeat(100_000)

for (const {dialect, config, skip} of testDatabases) {
  describe(`text and blob sizes - ${dialect}`, {skip}, () => {
    const scratch = useScratchTable(config, "articles", (t) => {
      t.text("body", {limit: 1024 * 1024})
      t.text("short")
      t.blob("data", {limit: 1024 * 1024})
    }, Article)

    it("stores 100 KB in a text and a blob column declared with a limit past 64 KB", async () => {
      const article = await Article.create({body: large, data: new Uint8Array(100_000).fill(7)})
      const found = await Article.find(article.id())

      expect(found.body()?.length).toBe(100_000)
      expect(found.data()?.length).toBe(100_000)
    })

    it("reads the size back as the limit that makes it again", async () => {
      const columns = await scratch.db().getIntrospector().columns("articles")
      const byName = Object.fromEntries(columns.map((column) => [column.name, column]))

      expect([byName.body.type, byName.short.type, byName.data.type]).toEqual(["text", "text", "blob"])
      if (dialect === "mysql") expect([byName.body.limit, byName.short.limit, byName.data.limit]).toEqual([16_777_215, undefined, 16_777_215])
    })

    if (dialect === "mysql") {
      it("refuses more than 64 KB in a text column without a limit, naming the column", async () => {
        await expect(Article.create({short: large})).rejects.toThrow("short")
      })
    }
  })
}

describe("MySQL text and blob sizes by limit", () => {
  it("takes the smallest size that holds the limit's bytes", () => {
    expect([undefined, 255, 256, 65_535, 65_536, 16_777_215, 16_777_216].map((limit) => sizedLobType("text", limit)))
      .toEqual(["text", "tinytext", "text", "text", "mediumtext", "mediumtext", "longtext"])
    expect(sizedLobType("blob", 1024 * 1024)).toBe("mediumblob")
  })

  it("refuses a limit that is no size", () => {
    expect(() => sizedLobType("text", 0)).toThrow("a whole number above 0")
    expect(() => sizedLobType("text", 5_000_000_000)).toThrow("at most 4 GB")
  })
})
