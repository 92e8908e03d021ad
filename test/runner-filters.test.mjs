import assert from "node:assert/strict"
import {describe, it} from "node:test"
import {fixture, lastLine, ranTests, velocious} from "./helpers.mjs"

const all = ["creates", "deletes", "lists", "nested", "renames", "sorts"]

function ran(...args) {
  const {status, stdout, stderr} = velocious(["test", ...args], {cwd: fixture("filters")})

  assert.equal(status, 0, stdout + stderr)

  return ranTests(stdout)
}

describe("velocious test: filters", () => {
  it("runs everything without filters", () => {
    assert.deepEqual(ran(), all)
  })

  it("--tag runs only tests carrying the tag (also inherited from groups)", () => {
    assert.deepEqual(ran("--tag", "fast"), ["creates", "nested"])
    assert.deepEqual(ran("--tag", "db"), ["creates", "deletes", "lists", "nested", "sorts"])
  })

  it("--include-tag takes a comma list", () => {
    assert.deepEqual(ran("--include-tag", "fast,api"), ["creates", "lists", "nested"])
  })

  it("--exclude-tag drops tagged tests and wins over inclusion", () => {
    assert.deepEqual(ran("--exclude-tag", "slow"), ["creates", "lists", "renames", "sorts"])
    assert.deepEqual(ran("--tag", "fast", "--exclude-tag", "slow"), ["creates"])
  })

  it("--example matches a substring of the full name", () => {
    assert.deepEqual(ran("--example", "filters on nested relationship attributes"), ["nested"])
    assert.deepEqual(ran("--example", "Tasks with nested"), ["nested", "sorts"])
  })

  it("--example accepts /regex/flags", () => {
    // The group's own name matches too, so both of its tests run.
    assert.deepEqual(ran("--example", "/nested.*attributes/i"), ["nested", "sorts"])
    assert.deepEqual(ran("--example", "/NESTED.*attributes$/i"), ["nested"])
    assert.deepEqual(ran("--example", "/^projects/i"), ["renames"])
  })

  it("--name is the same as --example", () => {
    assert.deepEqual(ran("--name", "filters on nested relationship attributes"), ["nested"])
  })

  it("file:line runs the test at that line", () => {
    assert.deepEqual(ran("spec/filters-spec.js:6"), ["creates"])
    assert.deepEqual(ran("spec/filters-spec.js:12"), ["sorts"])
  })

  it("file:line on a group runs the whole group", () => {
    assert.deepEqual(ran("spec/filters-spec.js:10"), ["nested", "sorts"])
    assert.deepEqual(ran("spec/filters-spec.js:5"), ["creates", "deletes", "lists", "nested", "sorts"])
    assert.deepEqual(ran("spec/filters-spec.js:16"), ["renames"])
  })

  it("file:line:line runs several locations", () => {
    assert.deepEqual(ran("spec/filters-spec.js:6:17"), ["creates", "renames"])
  })

  it("combines a location with a tag filter", () => {
    assert.deepEqual(ran("spec/filters-spec.js:5", "--tag", "fast"), ["creates", "nested"])
  })

  it("reports an unknown path clearly", () => {
    const {status, stderr} = velocious(["test", "spec/nope-spec.js"], {cwd: fixture("filters")})

    assert.equal(status, 1)
    assert.match(stderr, /No such test file or directory: .*nope-spec\.js/)
  })
})

describe("velocious test: focus", () => {
  it("runs only focused tests when some are focused", () => {
    const {stdout} = velocious(["test"], {cwd: fixture("focus")})

    assert.deepEqual(ranTests(stdout), ["focused", "focused-slow"])
    assert.equal(lastLine(stdout), "2 passed, 0 failed")
  })

  it("keeps focused tests under tag filters", () => {
    assert.deepEqual(ranTests(velocious(["test", "--tag", "fast"], {cwd: fixture("focus")}).stdout), ["fast", "focused", "focused-slow"])
  })

  it("lets exclusion win even over focus", () => {
    assert.deepEqual(ranTests(velocious(["test", "--exclude-tag", "slow"], {cwd: fixture("focus")}).stdout), ["focused"])
  })
})
