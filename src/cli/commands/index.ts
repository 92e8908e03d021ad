import type {CommandDefinition} from "../command.js"

/**
 * Every CLI command, with what `--help` needs; implementations load lazily. Commands join
 * this list only when they work end to end.
 */
export const commands: CommandDefinition[] = [
  {
    name: "test",
    description: "Run the app's tests (spec/ and src/ by default)",
    usage: "velocious test [paths...] [options]",
    positionals: "[paths...]  Files or directories; `file-spec.js:34` runs the test or group at line 34",
    options: {
      tag: {type: "string", multiple: true, valueName: "<tags>", description: "Only run tests with one of these tags (comma list; focused tests still run)"},
      "include-tag": {type: "string", multiple: true, valueName: "<tags>", description: "Same as --tag"},
      "exclude-tag": {type: "string", multiple: true, valueName: "<tags>", description: "Skip tests with any of these tags (always wins)"},
      example: {type: "string", short: "e", multiple: true, valueName: "<text>", description: "Only run tests whose full name contains text, or matches /regex/flags"},
      name: {type: "string", multiple: true, valueName: "<text>", description: "Same as --example"}
    },
    load: () => import("./test.js")
  }
]
