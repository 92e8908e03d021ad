import readline from "node:readline"
import {PassThrough} from "node:stream"
import type {REPLServer} from "node:repl"

/**
 * Piped input for the REPL, one line at a time. node's REPL reads every piped line at once and
 * does not wait for an `await` to settle, so `const p = await X.create()` then `p.id()` would
 * run out of order. Here the next line goes in only once the REPL shows its prompt again (after
 * each evaluation, error, dot-command or continuation line), and end of input only after that.
 */
export class SequentialInput {
  readonly stream = new PassThrough()
  private readonly lines: string[] = []
  private readonly reader: readline.Interface
  private server: REPLServer | undefined
  private ready = true
  private ended = false

  constructor(source: NodeJS.ReadableStream) {
    this.reader = readline.createInterface({input: source, crlfDelay: Infinity, terminal: false})
    this.reader.on("line", (line) => { this.lines.push(line); this.pump() })
    this.reader.on("close", () => { this.ended = true; this.pump() })
  }

  /** Call right after repl.start(): its first prompt is already out, so the first line may go. */
  attach(server: REPLServer): void {
    const displayPrompt = server.displayPrompt.bind(server)

    this.server = server
    server.displayPrompt = (preserveCursor?: boolean) => {
      displayPrompt(preserveCursor)
      this.ready = true
      this.pump()
    }
    server.on("exit", () => this.reader.close())
    this.pump()
  }

  private pump(): void {
    if (!this.server || !this.ready || this.stream.writableEnded) return

    const line = this.lines.shift()

    if (line !== undefined) {
      // `.editor` mode buffers lines without prompting; its Ctrl-D (end of input) finishes it.
      this.ready = Boolean(this.server.editorMode)
      this.stream.write(`${line}\n`)
      if (this.ready) setImmediate(() => this.pump())
    } else if (this.ended) {
      this.stream.end()
    }
  }
}
