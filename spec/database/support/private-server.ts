import {execFile, spawn, type ChildProcess} from "node:child_process"
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import {promisify} from "node:util"
import type {DriverConfig} from "velocious/build/src/database/drivers/base/driver-config.js"

const run = promisify(execFile)
const pgBin = "/usr/lib/postgresql/15/bin"
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A database server of the test's own, in a temp dir on a free port: fault tests stop and start
 * it under load. The shared servers on 5432/3306 are never touched.
 */
export interface PrivateServer {
  dialect: "pgsql" | "mysql"
  port: number
  /** A driver config for the server's `velocious_fault` database. */
  config: DriverConfig
  /** `crash`: killed at once (PostgreSQL's immediate mode, SIGKILL for MariaDB), no goodbye to clients. */
  stop(options?: {crash?: boolean}): Promise<void>
  start(): Promise<void>
  /** Stops the server for good and removes its files. */
  destroy(): Promise<void>
}

/** Why private servers cannot run here, or false when their binaries are installed. */
export function privateServerUnavailable(dialect: "pgsql" | "mysql"): false | string {
  const binary = dialect === "pgsql" ? path.join(pgBin, "initdb") : "/usr/bin/mariadb-install-db"

  return fs.existsSync(binary) ? false : `${binary} is not installed, so no private ${dialect} server can be started`
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()

    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const {port} = server.address() as net.AddressInfo

      server.close(() => resolve(port))
    })
  })
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({host: "127.0.0.1", port})

    socket.once("connect", () => { socket.destroy(); resolve(true) })
    socket.once("error", () => resolve(false))
  })
}

async function waitForPort(port: number, up: boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now()

  while (await answers(port) !== up) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} did not ${up ? "start listening" : "stop"} on port ${port} within ${timeoutMs}ms`)
    await delay(50)
  }
}

// initdb and postgres refuse to run as root; the postgres user owns the cluster then.
const asPostgres = (command: string, args: string[]): [string, string[]] => process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args]

export async function startPrivatePostgres(): Promise<PrivateServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-private-pg-"))
  const data = path.join(directory, "data")
  const port = await freePort()

  fs.chmodSync(directory, 0o777)
  await run(...asPostgres(path.join(pgBin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]))

  const ctl = (args: string[]) => run(...asPostgres(path.join(pgBin, "pg_ctl"), ["-D", data, ...args]))
  const options = `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c shared_buffers=16MB`
  let running = false
  const server: PrivateServer = {
    dialect: "pgsql",
    port,
    config: {type: "pgsql", host: "127.0.0.1", port, username: "postgres", password: "", database: "velocious_fault"},
    async start() {
      await ctl(["-o", options, "-l", path.join(directory, "log"), "-w", "start"])
      running = true
      await waitForPort(port, true, "PostgreSQL")
    },
    async stop({crash = false} = {}) {
      // Fast mode: the way a restart looks to clients, every session cut at once.
      await ctl(["-m", crash ? "immediate" : "fast", "-w", "stop"])
      running = false
      await waitForPort(port, false, "PostgreSQL")
    },
    async destroy() {
      if (running) await ctl(["-m", "immediate", "-w", "stop"]).catch(() => undefined)
      running = false
      fs.rmSync(directory, {recursive: true, force: true})
    }
  }

  try {
    await server.start()
    await run(...asPostgres(path.join(pgBin, "psql"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-c", "CREATE DATABASE velocious_fault"])).catch(async () => {
      await run("psql", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-c", "CREATE DATABASE velocious_fault"])
    })
  } catch (error) {
    await server.destroy()
    throw error
  }

  return server
}

export async function startPrivateMariadb(): Promise<PrivateServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-private-mariadb-"))
  const data = path.join(directory, "data")
  const socket = path.join(directory, "mariadb.sock")
  const port = await freePort()
  const user = process.getuid?.() === 0 ? ["--user=root"] : []

  await run("mariadb-install-db", ["--no-defaults", `--datadir=${data}`, ...user, "--auth-root-authentication-method=normal", "--skip-test-db"])

  let child: ChildProcess | undefined
  let exited: Promise<void> | undefined
  const server: PrivateServer = {
    dialect: "mysql",
    port,
    config: {type: "mysql", host: "127.0.0.1", port, username: "root", password: "", database: "velocious_fault"},
    async start() {
      child = spawn("mariadbd", [
        "--no-defaults", `--datadir=${data}`, `--port=${port}`, `--socket=${socket}`, "--bind-address=127.0.0.1", ...user,
        "--skip-grant-tables", "--skip-name-resolve", "--innodb-buffer-pool-size=16M", "--innodb-log-file-size=8M",
        "--max-connections=300", `--pid-file=${path.join(directory, "mariadb.pid")}`, `--log-error=${path.join(directory, "error.log")}`
      ], {stdio: "ignore"})
      exited = new Promise((resolve) => child?.once("exit", () => resolve()))
      await waitForPort(port, true, "MariaDB")
    },
    async stop({crash = false} = {}) {
      // SIGTERM: MariaDB's normal shutdown, which drops every client connection.
      child?.kill(crash ? "SIGKILL" : "SIGTERM")
      await exited
      child = undefined
      await waitForPort(port, false, "MariaDB")
    },
    async destroy() {
      if (child) {
        child.kill("SIGKILL")
        await exited
        child = undefined
      }
      fs.rmSync(directory, {recursive: true, force: true})
    }
  }

  try {
    await server.start()
    await run("mariadb", ["--no-defaults", "-h", "127.0.0.1", "-P", String(port), "-uroot", "-e", "CREATE DATABASE velocious_fault"])
  } catch (error) {
    await server.destroy()
    throw error
  }

  return server
}

export function startPrivateServer(dialect: "pgsql" | "mysql"): Promise<PrivateServer> {
  return dialect === "pgsql" ? startPrivatePostgres() : startPrivateMariadb()
}
