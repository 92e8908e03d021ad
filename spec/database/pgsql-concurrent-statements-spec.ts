import {execFileSync} from "node:child_process"
import path from "node:path"
import {fileURLToPath} from "node:url"
import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {baseConfig, testDatabases} from "./support/test-databases.js"

const pgsql = testDatabases.find((each) => each.dialect === "pgsql")

describe("database - pgsql - statements sent at once on one connection", {skip: pgsql?.skip ?? "pgsql is not among VELOCIOUS_TEST_DATABASES"}, () => {
  it("runs them one after another in call order, without leaning on pg's deprecated queue", () => {
    const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), "support/pgsql-concurrent-statements-probe.mjs")
    const output = execFileSync(process.execPath, [probe], {encoding: "utf8", env: {...process.env, PROBE_DATABASE: JSON.stringify(baseConfig("pgsql"))}})
    const {results, warnings} = JSON.parse(output) as {results: unknown[], warnings: string[]}

    expect(results).toEqual([1, 2, 1, 4, "rejected", 5])
    expect(warnings).toEqual([])
  })
})
