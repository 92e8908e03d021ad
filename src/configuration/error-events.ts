import EventEmitter from "../utils/event-emitter.js"

export interface FrameworkErrorPayload {
  error: unknown
  request?: unknown
  response?: unknown
  context?: Record<string, unknown>
}

export interface AllErrorPayload extends FrameworkErrorPayload {
  errorType: string
}

interface ErrorEventMap {
  "framework-error": [FrameworkErrorPayload]
  "all-error": [AllErrorPayload]
}

/**
 * The configuration's error bus. `all-error` sees every error the framework reports, tagged
 * with `errorType`, so one listener can forward everything to an error tracker.
 */
export default class ErrorEvents extends EventEmitter<ErrorEventMap> {
  reportFrameworkError(payload: FrameworkErrorPayload): void {
    this.report("framework-error", payload)
  }

  report(errorType: string, payload: FrameworkErrorPayload): void {
    if (errorType === "framework-error") this.emit("framework-error", payload)

    this.emit("all-error", {...payload, errorType})
  }
}
