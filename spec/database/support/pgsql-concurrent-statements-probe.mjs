// Run by pgsql-concurrent-statements-spec in a fresh process (pg warns about a deprecation only
// once per process): several statements at once on one connection, and every process warning
// seen meanwhile. Prints {results, warnings} as JSON.
import Configuration from "velocious/build/src/configuration.js"

const warnings = []

process.on("warning", (warning) => warnings.push(`${warning.name}: ${warning.message}`))

const configuration = new Configuration({environment: "test", logging: {console: false}, database: {test: {default: JSON.parse(process.env.PROBE_DATABASE)}}})

try {
  const results = await configuration.getDatabasePool().withConnection(async (db) => {
    const values = await Promise.all([
      db.query("SELECT pg_sleep(0.05), 1 AS n"),
      db.query("SELECT CAST(? AS integer) AS n", [2]),
      db.execute("SELECT ? AS n", [3]),
      db.query("SELECT CAST(? AS integer) AS n", [4])
    ])

    // A failing statement in the middle must not hold up the ones behind it.
    const settled = await Promise.allSettled([db.query("SELECT * FROM no_such_table_probe"), db.query("SELECT CAST(? AS integer) AS n", [5])])

    return [values[0][0].n, values[1][0].n, values[2].affectedRows, values[3][0].n, settled[0].status, settled[1].value?.[0]?.n]
  })

  // Warnings are emitted on the next tick.
  await new Promise((resolve) => setImmediate(resolve))
  process.stdout.write(JSON.stringify({results, warnings}))
} finally {
  await configuration.closeDatabaseConnections()
}
