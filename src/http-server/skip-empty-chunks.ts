import net from "node:net"

/*
 * node:http ends every response with an empty write that carries the response's 'finish'
 * callback (OutgoingMessage#end: `this._send("", "latin1", finish)`). The socket is corked at
 * that point, so uncorking flushes the response as a writev of two chunks, the header with the
 * body and "". node's C++ writev reads each chunk and its encoding through the V8 API twice (to
 * size the write, then to copy it) and parses the encoding's name each time: leaving it out
 * took a hello from about 54,000 instructions to 47,000 (callgrind, bench/http/instructions.mjs;
 * raw node:http spends 50,000 on one). With the empty chunk left out, a response of one string is
 * written the way a single write() is (StreamBase's writeLatin1String / writeUtf8String), and
 * the callbacks of both chunks are still called, by the one callback writev() was given.
 *
 * `_writev(chunks, callback)` and `_write(chunk, encoding, callback)` are node:stream's contract
 * for a Writable's implementation; that a Socket implements them with _writeGeneric is node
 * internal, so the override is only installed where the socket's own are the ones checked here.
 */

type Chunk = {chunk: string | Uint8Array, encoding: BufferEncoding | "buffer"}
type Chunks = Chunk[] & {allBuffers?: boolean}
type WritevOf = (this: net.Socket, chunks: Chunks, callback: (error?: Error | null) => void) => void
type WriteOf = (this: net.Socket, chunk: string | Uint8Array, encoding: BufferEncoding | "buffer", callback: (error?: Error | null) => void) => void

const socketPrototype = net.Socket.prototype as unknown as {_writev?: WritevOf, _write?: WriteOf}
const socketWritev = socketPrototype._writev
const socketWrite = socketPrototype._write

/** Whether this node's Socket writes as described above (checked once). */
export const skipsEmptyChunks: boolean = typeof socketWritev === "function" && typeof socketWrite === "function"

function writevWithoutEmptyChunks(this: net.Socket, chunks: Chunks, callback: (error?: Error | null) => void): void {
  // The response's own case, first and cheap: its text, then the empty finishing write.
  if (chunks.length === 2 && chunks[1].chunk.length === 0) {
    const {chunk, encoding} = chunks[0]

    if (chunk.length > 0) return socketWrite!.call(this, chunk, encoding, callback)
  }

  writevOtherwise(this, chunks, callback)
}

/** Any other batch: written as a writev of its non-empty chunks (or as it is, when none or all are empty). */
function writevOtherwise(socket: net.Socket, chunks: Chunks, callback: (error?: Error | null) => void): void {
  let empty = 0

  for (let index = 0; index < chunks.length; index++) if (chunks[index].chunk.length === 0) empty++

  if (empty === 0 || empty === chunks.length) return socketWritev!.call(socket, chunks, callback)

  const kept: Chunks = chunks.filter(({chunk}) => chunk.length > 0)

  if (kept.length === 1) return socketWrite!.call(socket, kept[0].chunk, kept[0].encoding, callback)

  kept.allBuffers = kept.every(({chunk}) => typeof chunk !== "string")
  socketWritev!.call(socket, kept, callback)
}

/** Makes a server's connection write its responses without node's empty finishing chunk (see above). */
export function skipEmptyChunks(socket: net.Socket): void {
  const own = socket as unknown as {_writev?: WritevOf, _write?: WriteOf}

  if (skipsEmptyChunks && own._writev === socketWritev && own._write === socketWrite) own._writev = writevWithoutEmptyChunks
}
