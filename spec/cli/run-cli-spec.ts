import {describe, it, expect} from "velocious/build/src/testing/test.js"
import {runCli} from "velocious/build/src/cli/index.js"
import type {CommandDefinition} from "velocious/build/src/cli/command.js"

function capture() {
  const out = {stdout: "", stderr: ""}

  return {
    out,
    io: {cwd: process.cwd(), stdout: {write: (text: string) => { out.stdout += text }}, stderr: {write: (text: string) => { out.stderr += text }}}
  }
}

const received: unknown[] = []
const commands: CommandDefinition[] = [
  {
    name: "db:migrate",
    description: "Run pending migrations",
    options: {step: {type: "string", description: "How many", valueName: "<n>"}, verbose: {type: "boolean", short: "V", description: "Talk more"}},
    load: async () => ({default: async (context) => { received.push(context.values); return 0 }})
  },
  {
    name: "db:rollback",
    description: "Roll back",
    positionals: "[versions...]",
    load: async () => ({default: async (context) => { received.push(context.positionals); return 3 }})
  }
]

describe("runCli", () => {
  it("prints general help listing commands", async () => {
    const {out, io} = capture()

    expect(await runCli(["--help"], io, commands)).toBe(0)
    expect(out.stdout).toMatch(/db:migrate\s+Run pending migrations/)
    expect(out.stdout).toMatch(/db:rollback\s+Roll back/)
  })

  it("prints a command's help with its flags", async () => {
    const {out, io} = capture()

    expect(await runCli(["db:migrate", "--help"], io, commands)).toBe(0)
    expect(out.stdout).toContain("--step <n>")
    expect(out.stdout).toContain("-V, --verbose")
    expect(await runCli(["help", "db:migrate"], io, commands)).toBe(0)
  })

  it("suggests the nearest command and exits 2", async () => {
    const {out, io} = capture()

    expect(await runCli(["db:migrat"], io, commands)).toBe(2)
    expect(out.stderr).toContain("Unknown command 'db:migrat'. Did you mean db:migrate?")
  })

  it("rejects unknown flags, listing the valid ones", async () => {
    const {out, io} = capture()

    expect(await runCli(["db:migrate", "--stpe", "2"], io, commands)).toBe(2)
    expect(out.stderr).toContain("Unknown option '--stpe' for 'velocious db:migrate'. Did you mean --step?")
    expect(out.stderr).toContain("Valid options for 'db:migrate': --step, --verbose, --help")
  })

  it("rejects positionals for commands that take none", async () => {
    const {out, io} = capture()

    expect(await runCli(["db:migrate", "extra"], io, commands)).toBe(2)
    expect(out.stderr).toContain("'velocious db:migrate' takes no arguments")
  })

  it("passes parsed flags and positionals and returns the command's exit code", async () => {
    const {io} = capture()

    received.length = 0
    expect(await runCli(["db:migrate", "--step", "2", "-V"], io, commands)).toBe(0)
    expect(await runCli(["db:rollback", "20260101000000"], io, commands)).toBe(3)
    expect(received).toEqual([{step: "2", verbose: true}, ["20260101000000"]])
  })
})
