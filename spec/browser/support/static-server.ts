import fs from "node:fs/promises"
import http from "node:http"
import path from "node:path"

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".map": "application/json"
}

/** Serves `root` on 127.0.0.1 at a free port; the page and its assets get a real origin (IndexedDB needs one). */
export async function serveStatic(root: string): Promise<{url: string, close: () => Promise<void>}> {
  const server = http.createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url || "/", "http://localhost").pathname)
    const file = path.join(root, pathname.endsWith("/") ? `${pathname}index.html` : pathname)

    if (!file.startsWith(root)) {
      response.writeHead(403).end()

      return
    }

    try {
      const body = await fs.readFile(file)

      response.writeHead(200, {"content-type": types[path.extname(file)] || "application/octet-stream"}).end(body)
    } catch {
      response.writeHead(404).end("not found")
    }
  })

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))

  const {port} = server.address() as {port: number}

  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()) })
  }
}
