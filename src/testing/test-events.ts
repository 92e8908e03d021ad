import {EventEmitter} from "node:events"

export interface TestEventMap {
  /** Before each attempt of a test: per-test state (e.g. mailer deliveries()) is cleared on it. */
  testStarting: [{testDescription: string}]
  testRetrying: [{testDescription: string, nextAttempt: number, error: unknown}]
  testRetried: [{testDescription: string, attemptNumber: number, passed: boolean}]
}

const eventsKey = Symbol.for("velocious.testing.events")
const globalStore = globalThis as unknown as Record<symbol, EventEmitter<TestEventMap> | undefined>

export const testEvents: EventEmitter<TestEventMap> = globalStore[eventsKey] ||= new EventEmitter<TestEventMap>()
