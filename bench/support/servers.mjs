// Where each benchmark's database lives and how to reach it, shared by bench/db and bench/orm:
// a temp file for SQLite, the `velocious_bench` database (created when missing) on PostgreSQL
// and MariaDB/MySQL. A dialect whose server does not answer is reported and skipped.
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import Database from "better-sqlite3"
import pg from "pg"
import mysql from "mysql2/promise"

const env = process.env
const benchDatabase = env.VELOCIOUS_BENCH_DATABASE || "velocious_bench"

function answers(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({host, port})
    const done = (result) => {
      socket.destroy()
      resolve(result)
    }

    socket.setTimeout(timeoutMs, () => done(false))
    socket.once("connect", () => done(true))
    socket.once("error", () => done(false))
  })
}

const sqlite = {
  dialect: "sqlite",
  async unavailable() { return false },
  async prepare() {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-bench-db-"))
    const file = path.join(directory, "bench.sqlite")

    return {config: {type: "sqlite", name: file}, cleanup: () => fs.rmSync(directory, {recursive: true, force: true})}
  }
}

const pgsql = {
  dialect: "pgsql",
  host: env.VELOCIOUS_BENCH_PGSQL_HOST || "127.0.0.1",
  port: Number(env.VELOCIOUS_BENCH_PGSQL_PORT || 5432),
  async unavailable() {
    return await answers(this.host, this.port) ? false : `no PostgreSQL server answers at ${this.host}:${this.port}`
  },
  async prepare() {
    const server = {host: this.host, port: this.port, user: env.VELOCIOUS_BENCH_PGSQL_USERNAME || "postgres", password: env.VELOCIOUS_BENCH_PGSQL_PASSWORD || ""}
    const admin = new pg.Client({...server, database: "postgres"})

    await admin.connect()

    const existing = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [benchDatabase])

    if (existing.rowCount === 0) await admin.query(`CREATE DATABASE "${benchDatabase}"`)
    await admin.end()

    return {config: {type: "pgsql", host: server.host, port: server.port, username: server.user, password: server.password, database: benchDatabase}, cleanup: () => undefined}
  }
}

const mysqlDialect = {
  dialect: "mysql",
  host: env.VELOCIOUS_BENCH_MYSQL_HOST || "127.0.0.1",
  port: Number(env.VELOCIOUS_BENCH_MYSQL_PORT || 3306),
  async unavailable() {
    return await answers(this.host, this.port) ? false : `no MySQL/MariaDB server answers at ${this.host}:${this.port}`
  },
  async prepare() {
    const server = {host: this.host, port: this.port, user: env.VELOCIOUS_BENCH_MYSQL_USERNAME || "root", password: env.VELOCIOUS_BENCH_MYSQL_PASSWORD || ""}
    const admin = await mysql.createConnection(server)

    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${benchDatabase}\``)
    await admin.end()

    return {config: {type: "mysql", host: server.host, port: server.port, username: server.user, password: server.password, database: benchDatabase}, cleanup: () => undefined}
  }
}

export const servers = [sqlite, pgsql, mysqlDialect]

/** DIALECTS=sqlite,pgsql limits a run to those dialects. */
export function selectedServers() {
  const only = env.DIALECTS?.split(",").map((each) => each.trim())

  return servers.filter((server) => !only || only.includes(server.dialect))
}

/** better-sqlite3 with the pragmas the Velocious driver sets, so every side writes the same way. */
export function openSqlite(config) {
  const db = new Database(config.name)

  db.pragma("journal_mode = WAL")
  db.pragma("foreign_keys = ON")

  return db
}

/** pg client options from a Velocious config. */
export function pgOptions(config) {
  return {host: config.host, port: config.port, user: config.username, password: config.password, database: config.database}
}

/** mysql2 options the Velocious driver connects with, so every side parses rows the same way. */
export function mysqlOptions(config) {
  return {
    host: config.host, port: config.port, user: config.username, password: config.password, database: config.database,
    charset: "utf8mb4", timezone: "Z", supportBigNumbers: true, bigNumberStrings: false, trace: false
  }
}
