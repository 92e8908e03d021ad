/** A file from a multipart/form-data body, as it appears in params. */
export default class UploadedFile {
  /** The file name the client sent (the same as `filename`). */
  readonly name: string
  readonly filename: string
  /** The part's Content-Type (`application/octet-stream` when it had none). */
  readonly type: string
  readonly size: number
  readonly buffer: Buffer

  constructor({filename, type, buffer}: {filename: string, type: string, buffer: Buffer}) {
    this.name = filename
    this.filename = filename
    this.type = type
    this.size = buffer.length
    this.buffer = buffer
  }

  text(): string {
    return this.buffer.toString("utf8")
  }

  // Rendering params as JSON (logs, echo endpoints) must not dump the whole file.
  toJSON(): {name: string, filename: string, type: string, size: number} {
    return {name: this.name, filename: this.filename, type: this.type, size: this.size}
  }
}
