// The Velocious app bench:websocket's servers (run.mjs) and its in-process round trip
// (in-process.mjs) serve: POST /echo answers its params, POST /broadcast publishes to "bench".
// Written to a temp folder with node_modules/velocious linked to this checkout.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {fileURLToPath} from "node:url"

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")

export function writeApp(websocketEvents = {adapter: "in-process"}) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-bench-websocket-"))
  const files = {
    "package.json": JSON.stringify({type: "module", private: true}),
    "src/config/configuration.js": `import Configuration from "velocious/build/src/configuration.js"\nexport default new Configuration({logging: {console: false, file: false}, websocketEvents: ${JSON.stringify(websocketEvents)}})\n`,
    "src/config/routes.js": "import Routes from \"velocious/build/src/routes/index.js\"\nconst routes = new Routes()\nroutes.draw((route) => { route.post(\"echo\"); route.post(\"broadcast\") })\nexport default {routes}\n",
    "src/routes/_root/controller.js": [
      "import Controller from \"velocious/build/src/controller.js\"",
      "export default class RootController extends Controller {",
      "  async echo() { this.renderJson(this.params()) }",
      "  async broadcast() { await this.getConfiguration().getWebsocketEvents().publish(\"bench\", {sentAt: performance.timeOrigin + performance.now(), n: this.params().n}); this.renderJson({ok: true}) }",
      "}"
    ].join("\n")
  }

  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(directory, file)), {recursive: true})
    fs.writeFileSync(path.join(directory, file), content)
  }
  fs.mkdirSync(path.join(directory, "node_modules"))
  fs.symlinkSync(packageRoot, path.join(directory, "node_modules/velocious"), "dir")

  return directory
}
