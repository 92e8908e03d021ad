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
 * Node flags for a cluster worker: the primary's own (--inspect, --enable-source-maps, ...)
 * plus the young generation's starting size, unless the flags already size it themselves.
 * (Node refuses --min-semi-space-size in NODE_OPTIONS, so the primary passes it per worker.)
 */
export function workerExecArgv(parentExecArgv: readonly string[]): string[] {
  if (parentExecArgv.some((flag) => semiSpaceFlag.test(flag))) return [...parentExecArgv]

  return [...parentExecArgv, `--min-semi-space-size=${workerSemiSpaceMb}`]
}
