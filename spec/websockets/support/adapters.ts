import type {PubSubAdapter} from "velocious/build/src/websocket-events/adapter.js"
import ClusterAdapter from "velocious/build/src/websocket-events/cluster-adapter.js"
import InProcessAdapter from "velocious/build/src/websocket-events/in-process-adapter.js"
import PgsqlAdapter from "velocious/build/src/websocket-events/pgsql-adapter.js"
import RedisAdapter from "velocious/build/src/websocket-events/redis-adapter.js"
import {baseConfig} from "../../database/support/test-databases.js"

/** Redis keys and channels of these specs all start with this (shared Redis server). */
export const redisPrefix = "velocious-ws-test:"

export function pgConnection(): Record<string, unknown> {
  const config = baseConfig("pgsql") as {host?: string, port?: number, username?: string, password?: string, database?: string}

  return {host: config.host, port: config.port, user: config.username, password: config.password, database: config.database}
}

export interface AdapterUnderTest {
  name: string
  /** Whether separate instances (as in separate processes) share events. */
  shared: boolean
  /** `scope` keeps runs apart on a shared server. */
  build: (scope: string) => PubSubAdapter
}

export const adaptersUnderTest: AdapterUnderTest[] = [
  {name: "in-process", shared: false, build: () => new InProcessAdapter()},
  // Outside a cluster worker it delivers in-process; cluster-spec.ts runs it across real workers.
  {name: "cluster", shared: false, build: () => new ClusterAdapter()},
  {name: "redis", shared: true, build: (scope) => new RedisAdapter({url: "redis://127.0.0.1:6379", channelPrefix: `${redisPrefix}${scope}:`})},
  {name: "pgsql", shared: true, build: (scope) => new PgsqlAdapter({connection: pgConnection(), channel: `velocious_ws_test_${scope}`})}
]
