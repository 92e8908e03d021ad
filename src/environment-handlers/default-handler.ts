import type BaseEnvironmentHandler from "./base.js"
import NodeEnvironmentHandler from "./node.js"

/**
 * The handler a configuration gets when it is given none. Bundlers building for the browser
 * swap this file for default-handler-browser.js (the `browser` field of velocious's
 * package.json), so a browser bundle never reaches node.js and its node:fs imports.
 */
export function defaultEnvironmentHandler(): BaseEnvironmentHandler {
  return new NodeEnvironmentHandler()
}
