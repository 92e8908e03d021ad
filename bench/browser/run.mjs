// Records in the browser: the gzipped size of records + query + the sql.js driver (esbuild,
// minified, for the browser), and how long a 1,000-row query through a model takes in headless
// Chromium (sql.js) against the same query and code on Node (better-sqlite3). A benchmark, not a test.
//   node bench/browser/run.mjs      ROUNDS=31 WARMUP_ROUNDS=10 CHROMIUM_PATH=/usr/bin/chromium node bench/browser/run.mjs
import fs from "node:fs"
import http from "node:http"
import os from "node:os"
import path from "node:path"
import {fileURLToPath} from "node:url"
import zlib from "node:zlib"
import * as esbuild from "esbuild"
import {chromium} from "playwright-core"
import {median} from "../support/measure.mjs"
import {printTable} from "../support/table.mjs"
import {rowCount, runWorkload} from "./workload.mjs"

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, "../..")
const rounds = Number(process.env.ROUNDS || 21)
const warmupRounds = Number(process.env.WARMUP_ROUNDS || 5)
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const gzipped = (bytes) => zlib.gzipSync(bytes, {level: 9}).length

async function bundle(entry, {external = []} = {}) {
  const result = await esbuild.build({entryPoints: [path.join(here, entry)], bundle: true, minify: true, platform: "browser", format: "esm", write: false, external, metafile: true})

  return result.outputFiles[0].contents
}

async function sizes() {
  const withoutSqlJs = await bundle("size-entry.mjs", {external: ["sql.js"]})
  const withSqlJs = await bundle("size-entry.mjs")
  const wasm = fs.readFileSync(path.join(root, "node_modules/sql.js/dist/sql-wasm-browser.wasm"))

  printTable(["what", "minified", "gzipped"], [
    ["records + query + sql.js driver (velocious only)", kb(withoutSqlJs.length), kb(gzipped(withoutSqlJs))],
    ["... plus sql.js's JavaScript (no WASM)", kb(withSqlJs.length), kb(gzipped(withSqlJs))],
    ["sql-wasm-browser.wasm (fetched once, for reference)", kb(wasm.length), kb(gzipped(wasm))]
  ])
}

async function browserTimes() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-bench-browser-"))

  fs.writeFileSync(path.join(directory, "bench.js"), await bundle("browser-entry.mjs"))
  fs.copyFileSync(path.join(root, "node_modules/sql.js/dist/sql-wasm-browser.wasm"), path.join(directory, "sql-wasm-browser.wasm"))
  fs.writeFileSync(path.join(directory, "index.html"), "<!doctype html><script type=\"module\" src=\"/bench.js\"></script>")

  const types = {".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm"}
  const server = http.createServer((request, response) => {
    const file = path.join(directory, request.url === "/" ? "index.html" : path.basename(request.url))

    fs.readFile(file, (error, body) => error ? response.writeHead(404).end() : response.writeHead(200, {"content-type": types[path.extname(file)]}).end(body))
  })

  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
  })

  try {
    const page = await browser.newPage()

    await page.goto(`http://127.0.0.1:${server.address().port}/`)
    await page.waitForFunction(() => typeof globalThis.runBench === "function")

    return await page.evaluate((args) => globalThis.runBench(args), {rounds, warmupRounds})
  } finally {
    await browser.close()
    server.close()
    fs.rmSync(directory, {recursive: true, force: true})
  }
}

console.log("Records in the browser: bundle size (esbuild --minify --platform=browser, gzip -9)\n")
await sizes()

console.log(`\nA ${rowCount.toLocaleString("en")}-row query through a model (BenchTask.where({state}).order("position").toArray()), ${rounds} rounds after ${warmupRounds} warm-up, in-memory SQLite\n`)

const browser = await browserTimes()
const node = await runWorkload({rounds, warmupRounds})

printTable(["side", "median ms", "min ms"], [
  ["Chromium, sql.js", median(browser).toFixed(2), Math.min(...browser).toFixed(2)],
  ["Node, better-sqlite3", median(node).toFixed(2), Math.min(...node).toFixed(2)]
])
console.log(`\nbrowser/node: ${(median(browser) / median(node)).toFixed(2)}x`)
