import type BaseEnvironmentHandler from "./base.js"
import BrowserEnvironmentHandler from "./browser.js"

/** default-handler.js as bundlers build it for the browser (see there). */
export function defaultEnvironmentHandler(): BaseEnvironmentHandler {
  return new BrowserEnvironmentHandler()
}
