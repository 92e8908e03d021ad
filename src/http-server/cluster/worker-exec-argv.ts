import {execFileSync} from "node:child_process"

/**
 * The young generation a production worker starts with, per semi-space, in MB: V8's own
 * maximum on 64-bit. V8 starts a semi-space at 1 MB and doubles it each time enough objects
 * survived collections since the last growth, so a server under a steady stream of requests
 * keeps growing it until it reaches that maximum: in bench/http its RSS grew by 15-30%
 * between its 10,000th and 100,000th request without keeping any more data. Starting at the
 * size it would end at anyway changes nothing else about the collector, keeps RSS flat from
 * the first requests, and spares the early, more frequent collections.
 */
export const workerSemiSpaceMb = 16

const semiSpaceFlag = /^--(min|max)[-_]semi[-_]space[-_]size(=|$)|^--semi[-_]space[-_]growth[-_]factor(=|$)/

/**
 * How many object shapes ("maps") one of V8's inline caches tracks before it gives up and goes
 * megamorphic (a slower, shared look-up); V8's default is 4. node's EventEmitter initializer,
 * inlined into every request's IncomingMessage and ServerResponse, sees the shapes of every kind
 * of emitter the process makes, and an ESM app's boot makes many fs/promises FileHandles (node 20
 * reads each module's source through one): past about ten of them, a bare node:http server
 * answers each request with about 950 more instructions, for the rest of its life (callgrind,
 * bench/http/instructions.mjs, measured with 30 `readFile()` calls before listening). With room
 * for 8 shapes the initializer stays inlined: a Velocious hello went from 57.1k to 55.7k
 * instructions, raw node:http from 50.9k to 50.3k, Fastify from 56.8k to 56.0k.
 */
export const workerPolymorphicMapCount = 8

const polymorphismFlag = /^--max[-_]valid[-_]polymorphic[-_]map[-_]count(=|$)/

/**
 * Node flags for a cluster worker: the primary's own (--inspect, --enable-source-maps, ...)
 * plus the young generation's starting size and the inline caches' room for shapes (see
 * above), each unless the flags already set it themselves. (Node refuses both in NODE_OPTIONS,
 * so the primary passes them per worker.)
 */
export function workerExecArgv(parentExecArgv: readonly string[]): string[] {
  const flags = [...parentExecArgv]

  if (!parentExecArgv.some((flag) => semiSpaceFlag.test(flag))) flags.push(`--min-semi-space-size=${workerSemiSpaceMb}`)
  if (!parentExecArgv.some((flag) => polymorphismFlag.test(flag)) && v8HasPolymorphismFlag()) flags.push(`--max-valid-polymorphic-map-count=${workerPolymorphicMapCount}`)

  return flags
}

let polymorphismFlagKnown: boolean | undefined

/**
 * Whether this node's V8 has the flag: it is V8-internal, and node refuses to start with a V8
 * flag it does not know, so a worker of a later node without it must not be given it. Asked
 * once per process (a `node --v8-options` run, about 50 ms, at the primary's start).
 */
function v8HasPolymorphismFlag(): boolean {
  if (polymorphismFlagKnown === undefined) {
    try {
      polymorphismFlagKnown = execFileSync(process.execPath, ["--v8-options"], {encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 16 * 1024 * 1024}).includes("--max-valid-polymorphic-map-count")
    } catch {
      polymorphismFlagKnown = false
    }
  }

  return polymorphismFlagKnown
}
