// The Node load generator (load.mjs) in its own process, for when wrk is not installed: the
// parent pins it to its own core and reads its CPU time from the result.
import {load} from "./load.mjs"

const [port, urlPath, connections, durationMs] = process.argv.slice(2)
const before = process.cpuUsage()
const started = performance.now()
const result = await load({port: Number(port), path: urlPath, connections: Number(connections), durationMs: Number(durationMs)})
const cpu = process.cpuUsage(before)

process.send({...result, clientCpuShare: (cpu.user + cpu.system) / 1000 / (performance.now() - started)})
