import {BadRequestError} from "./errors.js"
import {parseNestedQuery, type Params} from "./nested-params.js"
import {parseMultipart} from "./parse-multipart.js"

/**
 * Set on a request whose body arrived already parsed (a websocket request message with an
 * object body, parsed with the message): its params, so the body is not parsed a second time.
 */
export const paramsInHand = Symbol("velocious.http.paramsInHand")

/** The body's params by Content-Type: JSON, urlencoded and multipart forms; other bodies give none. */
export function parseBody(body: Buffer, contentType: string | undefined): Params {
  if (body.length === 0) return {}

  const mediaType = (contentType || "").split(";")[0].trim().toLowerCase()

  if (mediaType === "application/json" || mediaType.endsWith("+json")) return parseJson(body)
  if (mediaType === "application/x-www-form-urlencoded") return parseNestedQuery(body.toString("utf8"))

  if (mediaType === "multipart/form-data") return parseMultipart(body, contentType as string)

  return {}
}

function parseJson(body: Buffer): Params {
  let parsed: unknown

  try {
    parsed = JSON.parse(body.toString("utf8"))
  } catch (error) {
    throw new BadRequestError(`The request body is not valid JSON: ${(error as Error).message}`)
  }

  // Like Rails, a JSON body that is not an object (an array, a number) is kept under `_json`.
  if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Params

  return {_json: parsed}
}
