// Per dialect: where the bench database lives, how to make sure it exists, and the raw client
// each workload is compared against. The raw side does what Velocious does for the same call
// (bound parameters, rows as plain objects, one statement per round trip), nothing less.
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import Database from "better-sqlite3"
import pg from "pg"
import mysql from "mysql2/promise"

const env = process.env
const benchDatabase = env.VELOCIOUS_BENCH_DATABASE || "velocious_bench"

export const selectSql = "SELECT * FROM bench_items WHERE id = ?"
export const insertSql = "INSERT INTO bench_items (name, value) VALUES (?, ?)"

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
  },
  async raw(config) {
    const db = new Database(config.name)

    // The same pragmas the Velocious driver sets, so both sides write the same way.
    db.pragma("journal_mode = WAL")
    db.pragma("foreign_keys = ON")

    // `all` rather than `get`: the Velocious call returns a list of rows too.
    const select = db.prepare(selectSql)
    const insert = db.prepare(insertSql)
    const begin = db.prepare("BEGIN IMMEDIATE")
    const commit = db.prepare("COMMIT")

    return {
      async selectById(id) { return select.all(id) },
      async begin() { begin.run() },
      async insert(name, value) { return insert.run(name, value) },
      async commit() { commit.run() },
      async close() { db.close() }
    }
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
  },
  async raw(config) {
    const client = new pg.Client({host: config.host, port: config.port, user: config.username, password: config.password, database: config.database})

    await client.connect()

    const pgSelect = selectSql.replace("?", "$1")
    const pgInsert = insertSql.replace("?", "$1").replace("?", "$2")

    return {
      async selectById(id) { return (await client.query({text: pgSelect, values: [id]})).rows },
      async begin() { await client.query("BEGIN") },
      async insert(name, value) { return (await client.query({text: pgInsert, values: [name, value]})).rowCount },
      async commit() { await client.query("COMMIT") },
      async close() { await client.end() }
    }
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
  },
  async raw(config) {
    // The options the Velocious driver connects with, so both sides parse rows the same way.
    const connection = await mysql.createConnection({
      host: config.host, port: config.port, user: config.username, password: config.password, database: config.database,
      charset: "utf8mb4", timezone: "Z", supportBigNumbers: true, bigNumberStrings: false
    })

    return {
      // execute() is mysql2's prepared-statement path, cached per connection, as the driver uses.
      async selectById(id) { return (await connection.execute(selectSql, [id]))[0] },
      async begin() { await connection.query("BEGIN") },
      async insert(name, value) { return (await connection.execute(insertSql, [name, value]))[0] },
      async commit() { await connection.query("COMMIT") },
      async close() { await connection.end() }
    }
  }
}

export const dialects = [sqlite, pgsql, mysqlDialect]
