import assert from "node:assert/strict"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {describe, it} from "node:test"
import {root, velocious} from "./helpers.mjs"

const version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version
const emptyDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-cli-"))

describe("velocious CLI", () => {
  it("--help lists every command with a description, in an empty folder", () => {
    const {status, stdout} = velocious(["--help"], {cwd: emptyDirectory})

    assert.equal(status, 0)
    assert.match(stdout, /Usage: velocious <command>/)
    assert.match(stdout, /\n\s+test\s+Run the app's tests/)
  })

  it("--version prints the package version", () => {
    const {status, stdout} = velocious(["--version"], {cwd: emptyDirectory})

    assert.equal(status, 0)
    assert.equal(stdout.trim(), version)
  })

  it("command --help documents its flags", () => {
    const {status, stdout} = velocious(["test", "--help"], {cwd: emptyDirectory})

    assert.equal(status, 0)
    for (const flag of ["--tag", "--include-tag", "--exclude-tag", "--example", "--name"]) assert.match(stdout, new RegExp(`${flag}\\b`))
  })

  it("an unknown command exits 2 and suggests the nearest one", () => {
    const {status, stderr} = velocious(["tset"], {cwd: emptyDirectory})

    assert.equal(status, 2)
    assert.match(stderr, /Unknown command 'tset'\. Did you mean test\?/)
  })

  it("an unknown flag is an error listing the valid ones", () => {
    const {status, stderr} = velocious(["test", "--tagg", "x"], {cwd: emptyDirectory})

    assert.equal(status, 2)
    assert.match(stderr, /Unknown option '--tagg' for 'velocious test'\. Did you mean --tag\?/)
    assert.match(stderr, /Valid options for 'test': --tag, --include-tag, --exclude-tag, --example, --name, --browser, --help/)
  })
})
