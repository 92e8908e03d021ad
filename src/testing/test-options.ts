import {checkKeys} from "../utils/check-keys.js"

export interface GroupOptions {
  tags?: string[]
  focus?: boolean
  skip?: boolean | string
  type?: string
  timeoutSeconds?: number
  retry?: number
}

export interface TestOptions extends GroupOptions {}

const optionKeys = ["tags", "focus", "skip", "type", "timeoutSeconds", "retry"]

export function checkTestOptions(options: object, where: string): void {
  checkKeys(options, optionKeys, where)

  const {tags, retry, timeoutSeconds} = options as TestOptions

  if (tags !== undefined && (!Array.isArray(tags) || tags.some((tag) => typeof tag !== "string"))) {
    throw new TypeError(`${where}: tags must be an array of strings, got ${JSON.stringify(tags)}`)
  }

  if (retry !== undefined && (!Number.isInteger(retry) || retry < 0)) {
    throw new TypeError(`${where}: retry must be a whole number of retries (0 or more), got ${String(retry)}`)
  }

  if (timeoutSeconds !== undefined && (typeof timeoutSeconds !== "number" || !(timeoutSeconds > 0))) {
    throw new TypeError(`${where}: timeoutSeconds must be a positive number, got ${String(timeoutSeconds)}`)
  }
}
