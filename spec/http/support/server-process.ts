import {spawn, type ChildProcess} from "node:child_process"

export interface ServerProcess {
  child: ChildProcess
  port: number
  output: () => string
  exited: Promise<number | null>
}

/** Spawns `node <args>` in `cwd` and resolves once it prints `listening on http://host:port`. */
export function spawnUntilListening(args: string[], {cwd, env = {}, timeoutMs = 30_000}: {cwd: string, env?: Record<string, string>, timeoutMs?: number}): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {cwd, env: {...process.env, VELOCIOUS_ENV: "test", ...env}})
  let output = ""
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`Not listening after ${timeoutMs}ms: ${output}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()

      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output)

      if (match) {
        clearTimeout(timer)
        resolve({child, port: Number(match[1]), output: () => output, exited})
      }
    }

    child.stdout?.on("data", onData)
    child.stderr?.on("data", onData)
    exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`${args.join(" ")} exited with ${code} before listening: ${output}`))
    })
  })
}
