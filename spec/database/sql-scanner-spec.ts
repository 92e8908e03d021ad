import {describe, it, expect} from "velocious/build/src/testing/test.js"
import {PgsqlQueryCompiler} from "velocious/build/src/database/drivers/pgsql/pgsql-query-compiler.js"
import {MysqlQueryCompiler} from "velocious/build/src/database/drivers/mysql/mysql-query-compiler.js"
import {SqliteQueryCompiler} from "velocious/build/src/database/drivers/sqlite/sqlite-query-compiler.js"
import {LruCache} from "velocious/build/src/database/drivers/base/lru-cache.js"

describe("query compilers", () => {
  const pgsql = new PgsqlQueryCompiler()

  it("numbers PostgreSQL placeholders and skips strings, identifiers, comments and dollar quotes", () => {
    const sql = "SELECT '?', \"a?\", E'\\'?', $$?$$, $tag$ ? $tag$, ? -- ?\n /* ? */ FROM t WHERE a = ? AND b = ?"

    expect(pgsql.compile(sql, [1, 2, 3]).sql).toBe("SELECT '?', \"a?\", E'\\'?', $$?$$, $tag$ ? $tag$, $1 -- ?\n /* ? */ FROM t WHERE a = $2 AND b = $3")
  })

  it("handles doubled quotes inside strings", () => {
    expect(pgsql.compile("SELECT 'it''s ?' , ?", [1]).sql).toBe("SELECT 'it''s ?' , $1")
  })

  it("counts MySQL placeholders past backslash-escaped quotes and # comments", () => {
    const mysql = new MysqlQueryCompiler()

    expect(mysql.compile("SELECT 'a\\'?', `b?`, ? # ?\n", [1]).sql).toBe("SELECT 'a\\'?', `b?`, ? # ?\n")
    expect(mysql.quoteIdentifier("we`ird")).toBe("`we``ird`")
    expect(mysql.quoteLiteral("a\\'b")).toBe("'a\\\\''b'")
  })

  it("splits scripts on semicolons outside strings and comments", () => {
    const mysql = new MysqlQueryCompiler()

    expect(mysql.splitStatements("CREATE TABLE a (b TEXT DEFAULT ';');\n-- c;\nSELECT 1;\n")).toEqual(["CREATE TABLE a (b TEXT DEFAULT ';')", "-- c;\nSELECT 1"])
    expect(mysql.splitStatements("SELECT 1; -- only a comment;\n")).toEqual(["SELECT 1"])
  })

  it("maps values the same way on every dialect, except PostgreSQL's native booleans", () => {
    const sqlite = new SqliteQueryCompiler()
    const date = new Date("2024-01-02T03:04:05.006Z")

    expect(sqlite.compile("SELECT ?, ?, ?, ?", [true, date, {a: 1}, null]).params).toEqual([1, "2024-01-02 03:04:05.006", "{\"a\":1}", null])
    expect(pgsql.compile("SELECT ?, ?", [false, date]).params).toEqual([false, "2024-01-02 03:04:05.006"])
  })
})

describe("LruCache", () => {
  it("evicts the least recently used entry", () => {
    const evicted: number[] = []
    const cache = new LruCache<string, number>(2, (value) => evicted.push(value))

    cache.set("a", 1)
    cache.set("b", 2)
    cache.get("a")
    cache.set("c", 3)

    expect(cache.get("b")).toBeUndefined()
    expect(cache.get("a")).toBe(1)
    expect(evicted).toEqual([2])
  })
})
