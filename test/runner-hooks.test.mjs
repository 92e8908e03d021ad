import assert from "node:assert/strict"
import {describe, it, before} from "node:test"
import {fixture, lastLine, markers, velocious} from "./helpers.mjs"

describe("velocious test: hooks, retries, timeouts and testing config", () => {
  let result
  let events

  before(() => {
    result = velocious(["test"], {cwd: fixture("hooks")})
    events = markers(result.stdout, "EVENT")
  })

  it("runs global and group hooks in order around a test", () => {
    assert.deepEqual(events.slice(0, 9), [
      "global-beforeAll",
      "group-beforeAll",
      "global-beforeEach",
      "group-beforeEach",
      "test-body",
      "group-afterEach",
      "global-afterEach",
      "group-afterAll",
      "global-beforeEach"
    ])
    assert.equal(events.at(-1), "global-afterAll")
  })

  it("retries and emits testRetrying / testRetried", () => {
    // testDescription is the full name, group names included ("retries" is the describe), as the README says.
    const retryEvents = events.filter((event) => /^(retr|flaky)/.test(event))

    assert.deepEqual(retryEvents, [
      "flaky-attempt 1",
      "retrying retries passes on the third attempt 2",
      "flaky-attempt 2",
      "retried retries passes on the third attempt 2",
      "retrying retries passes on the third attempt 3",
      "flaky-attempt 3",
      "retried retries passes on the third attempt 3",
      "retrying retries fails after its retries 2",
      "retried retries fails after its retries 2"
    ])
  })

  it("times tests out with a message naming the test and the limit", () => {
    assert.match(result.stdout, /Test "timeouts times out using the suite default" timed out after 1 second\b/)
    assert.match(result.stdout, /Test "timeouts times out using its own limit" timed out after 0\.2 seconds/)
    assert.doesNotMatch(result.stdout, /finishes within its own limit/)
  })

  it("applies excludeTags from configureTests and counts correctly", () => {
    assert.doesNotMatch(result.stdout, /excluded test ran/)
    assert.equal(lastLine(result.stdout), "3 passed, 3 failed")
    assert.equal(result.status, 1)
  })
})
