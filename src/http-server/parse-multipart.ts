import {BadRequestError} from "./errors.js"
import {setNestedParam, type Params} from "./nested-params.js"
import UploadedFile from "./uploaded-file.js"

const maxParts = 1000
const maxHeaderBytes = 16 * 1024
const crlf = Buffer.from("\r\n")
const headerEnd = Buffer.from("\r\n\r\n")

interface PartHeaders {
  name: string
  filename: string | undefined
  type: string | undefined
}

/** The boundary parameter of a multipart Content-Type, quoted or not. */
export function multipartBoundary(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType)
  const boundary = match?.[1] ?? match?.[2]

  if (!boundary || boundary.length > 70) throw new BadRequestError("A multipart/form-data body needs a boundary parameter (1-70 characters) in its Content-Type, e.g. `multipart/form-data; boundary=XyZ`")

  return boundary
}

/**
 * Text parts become params (nested names like `account[name]` as in urlencoded forms), file
 * parts UploadedFile objects. Works on the already size-limited body with Buffer searches, so
 * binary file content is never decoded as text.
 */
export function parseMultipart(body: Buffer, contentType: string): Params {
  const delimiter = Buffer.from(`--${multipartBoundary(contentType)}`)
  const nextDelimiter = Buffer.concat([crlf, delimiter])
  const params: Params = {}
  let position = body.indexOf(delimiter)

  if (position === -1) throw malformed("the boundary from Content-Type never appears in the body")

  for (let parts = 0; ; parts++) {
    position += delimiter.length

    if (body[position] === 0x2d && body[position + 1] === 0x2d) return params // "--": the closing delimiter
    if (parts >= maxParts) throw malformed(`more than ${maxParts} parts`)

    position = skipLinearWhitespace(body, position)
    if (body[position] !== 0x0d || body[position + 1] !== 0x0a) throw malformed("a boundary line must end with CRLF")
    position += 2

    const headersEnd = body.indexOf(headerEnd, position)

    if (headersEnd === -1 || headersEnd - position > maxHeaderBytes) throw malformed("a part's headers never end (no blank line)")

    const headers = parsePartHeaders(body.toString("utf8", position, headersEnd))
    const contentStart = headersEnd + headerEnd.length
    const contentEnd = body.indexOf(nextDelimiter, contentStart)

    if (contentEnd === -1) throw malformed("the body ends before the closing boundary")

    addPart(params, headers, body.subarray(contentStart, contentEnd))
    position = contentEnd + crlf.length
  }
}

function addPart(params: Params, {name, filename, type}: PartHeaders, content: Buffer): void {
  if (filename === undefined) {
    setNestedParam(params, name, content.toString("utf8"))
  } else if (filename !== "" || content.length > 0) {
    // A file input left empty is sent with filename="" and no content: like Rails, no param.
    setNestedParam(params, name, new UploadedFile({filename, type: type || "application/octet-stream", buffer: Buffer.from(content)}))
  }
}

function parsePartHeaders(text: string): PartHeaders {
  let disposition: string | undefined
  let type: string | undefined

  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":")

    if (colon <= 0) throw malformed(`a part has an invalid header line '${line.slice(0, 100)}'`)

    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()

    if (name === "content-disposition") disposition = value
    else if (name === "content-type") type = value
  }

  if (!disposition || !/^form-data\b/i.test(disposition)) throw malformed("every part needs `Content-Disposition: form-data; name=\"...\"`")

  const parameters = dispositionParameters(disposition)
  const name = parameters.get("name")

  if (!name) throw malformed("a part's Content-Disposition has no name")

  return {name, filename: parameters.get("filename*") ?? parameters.get("filename"), type}
}

/** `form-data; name="a"; filename="b.txt"` → name → a, filename → b.txt (quoted strings unescaped, filename* decoded). */
function dispositionParameters(disposition: string): Map<string, string> {
  const parameters = new Map<string, string>()
  const pattern = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g

  for (const match of disposition.matchAll(pattern)) {
    const key = match[1].toLowerCase()
    let value = match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : match[3].trim()

    if (key === "filename*") {
      const extended = /^([\w-]+)'[^']*'(.*)$/.exec(value)

      if (!extended) continue
      try {
        value = decodeURIComponent(extended[2])
      } catch {
        throw malformed("a part's filename* is not valid percent-encoding")
      }
    }

    parameters.set(key, value)
  }

  return parameters
}

function skipLinearWhitespace(body: Buffer, position: number): number {
  while (body[position] === 0x20 || body[position] === 0x09) position++

  return position
}

function malformed(reason: string): BadRequestError {
  return new BadRequestError(`Malformed multipart/form-data body: ${reason}`)
}
