import assert from "node:assert/strict"
import {describe, it} from "node:test"
import {fixture, lastLine, velocious} from "./helpers.mjs"

describe("velocious test: counts and exit codes", () => {
  it("counts passes, failures and skips, ends with the summary line and exits 1", () => {
    const {status, stdout} = velocious(["test"], {cwd: fixture("counts")})

    assert.equal(lastLine(stdout), "3 passed, 2 failed, 1 skipped")
    assert.equal(status, 1)
    assert.match(stdout, /counts fails on a wrong value\n\s+spec\/counts-spec\.js:6/)
    assert.match(stdout, /counts nested fails by throwing\n\s+spec\/counts-spec\.js:11/)
    assert.doesNotMatch(stdout, /must not run/)
  })

  it("exits 0 when every selected test passes", () => {
    const {status, stdout} = velocious(["test", "--example", "passes"], {cwd: fixture("counts")})

    assert.equal(lastLine(stdout), "3 passed, 0 failed")
    assert.equal(status, 0)
  })

  it("fails the run when a single assertion fails", () => {
    const {status, stdout} = velocious(["test", "--example", "fails on a wrong value"], {cwd: fixture("counts")})

    assert.equal(lastLine(stdout), "0 passed, 1 failed")
    assert.equal(status, 1)
  })

  it("exits after reporting even when a spec leaves a handle open", () => {
    const {status, stdout} = velocious(["test"], {cwd: fixture("leaky"), timeout: 15_000})

    assert.equal(lastLine(stdout), "1 passed, 0 failed")
    assert.equal(status, 0)
  })

  it("leaves browser tests out unless the file is named", () => {
    assert.doesNotMatch(velocious(["test"], {cwd: fixture("counts")}).stdout, /RAN:browser/)

    const named = velocious(["test", "spec/page.browser-spec.js"], {cwd: fixture("counts")})

    assert.match(named.stdout, /RAN:browser/)
    assert.equal(lastLine(named.stdout), "1 passed, 0 failed")
  })

  it("reports files that fail to load with file and line, and still runs the others", () => {
    const {status, stdout} = velocious(["test"], {cwd: fixture("load-errors")})

    assert.equal(lastLine(stdout), "1 passed, 3 failed")
    assert.equal(status, 1)
    assert.match(stdout, /An error occurred while loading spec\/syntax-error-spec\.js\n\s+spec\/syntax-error-spec\.js:4\n\s+SyntaxError/)
    assert.match(stdout, /An error occurred while loading spec\/missing-import-spec\.js\n\s+spec\/missing-import-spec\.js:3\n\s+Error: Cannot find module/)
    assert.match(stdout, /An error occurred while loading spec\/throws-at-load-spec\.ts\n\s+spec\/throws-at-load-spec\.ts:6\n\s+TypeError/)
  })
})
