// Per dialect: the raw client each workload is compared against. Where the bench database lives
// and how it is made sure to exist is shared with bench/orm (../support/servers.mjs). The raw
// side does what Velocious does for the same call (bound parameters, rows as plain objects,
// one statement per round trip), nothing less.
import pg from "pg"
import mysql from "mysql2/promise"
import {mysqlOptions, openSqlite, pgOptions, servers} from "../support/servers.mjs"

export const selectSql = "SELECT * FROM bench_items WHERE id = ?"
export const insertSql = "INSERT INTO bench_items (name, value) VALUES (?, ?)"

const raw = {
  async sqlite(config) {
    const db = openSqlite(config)
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
  },

  async pgsql(config) {
    const client = new pg.Client(pgOptions(config))

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
  },

  async mysql(config) {
    const connection = await mysql.createConnection(mysqlOptions(config))

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

export const dialects = servers.map((server) => ({...server, raw: raw[server.dialect]}))
