import {execFileSync} from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {fileURLToPath} from "node:url"

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..")

const readme = () => fs.readFileSync(path.join(root, "README.md"), "utf8")

/** The README's `<!-- browser-example: FILE -->` blocks. */
export function browserExampleFiles(): {file: string, source: string}[] {
  return [...readme().matchAll(/<!-- browser-example: (\S+) -->\n```\w+\n([\s\S]*?)```/g)].map((match) => ({file: match[1], source: match[2]}))
}

/** The README's `<!-- browser-commands -->` shell lines. */
export function browserExampleCommands(): string[] {
  return [...readme().matchAll(/<!-- browser-commands -->\n```sh\n([\s\S]*?)```/g)].flatMap((match) => match[1].split("\n")).filter(Boolean)
}

/**
 * A throwaway app made of the README's browser examples, with velocious, sql.js and react
 * linked into its node_modules, and an index.html that loads the bundle.
 */
export function makeReadmeBrowserApp(): string {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-browser-app-"))

  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({name: "browser-app", type: "module", private: true}))
  fs.mkdirSync(path.join(app, "node_modules"))

  for (const [name, target] of [["velocious", root], ["sql.js", path.join(root, "node_modules/sql.js")], ["react", path.join(root, "node_modules/react")], ["react-dom", path.join(root, "node_modules/react-dom")]]) {
    fs.symlinkSync(target, path.join(app, "node_modules", name), "dir")
  }

  for (const {file, source} of browserExampleFiles()) {
    fs.mkdirSync(path.dirname(path.join(app, file)), {recursive: true})
    fs.writeFileSync(path.join(app, file), source)
  }

  fs.mkdirSync(path.join(app, "public/assets"), {recursive: true})
  fs.writeFileSync(path.join(app, "public/index.html"), "<!doctype html><html><body><div id=\"tasks\"></div><script type=\"module\" src=\"/assets/browser.js\"></script></body></html>")

  return app
}

/** Runs the README's build commands in the app, as written (`npx esbuild` is the worktree's esbuild, so nothing is fetched). */
export function runBrowserExampleCommands(app: string, {extraEsbuildArgs = []}: {extraEsbuildArgs?: string[]} = {}): void {
  for (const line of browserExampleCommands()) {
    const [command, ...args] = line.split(/\s+/)

    if (command === "npx" && args[0] === "esbuild") {
      execFileSync(path.join(root, "node_modules/.bin/esbuild"), [...args.slice(1), ...extraEsbuildArgs], {cwd: app, stdio: "pipe"})
    } else if (command === "cp") {
      fs.copyFileSync(path.join(app, args[0]), path.join(app, args[1], path.basename(args[0])))
    } else {
      throw new Error(`The README's browser commands have a line this spec does not know how to run: ${line}`)
    }
  }
}
