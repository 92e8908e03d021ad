import type {CommandDefinition} from "../command.js"

/**
 * Every CLI command, with what `--help` needs; implementations load lazily. Commands join
 * this list only when they work end to end.
 */
export const commands: CommandDefinition[] = [
  {
    name: "init",
    description: "Make the current folder a Velocious app (SQLite, a welcome page, a request spec); never overwrites",
    usage: "velocious init [--typescript]",
    options: {
      typescript: {type: "boolean", description: "Write .ts files and a tsconfig.json (the default when tsconfig.json exists)"}
    },
    load: () => import("./init.js")
  },
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
      name: {type: "string", multiple: true, valueName: "<text>", description: "Same as --example"},
      browser: {type: "boolean", description: "Run the browser system tests (*.browser-test.*, *.browser-spec.*, or VELOCIOUS_BROWSER_TEST_PATTERN) in headless Chromium"}
    },
    load: () => import("./test.js")
  },
  {
    name: "db:create",
    description: "Create the databases of the current environment",
    load: () => import("./db-create.js")
  },
  {
    name: "db:drop",
    description: "Drop the databases of the current environment",
    load: () => import("./db-drop.js")
  },
  {
    name: "db:migrate",
    description: "Run pending migrations and write db/structure-<identifier>.sql",
    load: () => import("./db-migrate.js")
  },
  {
    name: "db:rollback",
    description: "Revert the last migration (or the last N with --step N)",
    options: {
      step: {type: "string", valueName: "<n>", description: "How many migrations to revert (default 1)"}
    },
    load: () => import("./db-rollback.js")
  },
  {
    name: "db:migrate:status",
    description: "List migrations and whether each has run, per database",
    load: () => import("./db-migrate-status.js")
  },
  {
    name: "db:schema:dump",
    description: "Write the db/structure-<identifier>.sql files that are missing",
    load: () => import("./db-schema-dump.js")
  },
  {
    name: "db:schema:load",
    description: "Load db/structure-<identifier>.sql into empty databases",
    load: () => import("./db-schema-load.js")
  },
  {
    name: "server",
    description: "Serve the app over HTTP (default 127.0.0.1:3006) until SIGTERM/SIGINT",
    usage: "velocious server [--host 0.0.0.0] [--port 8082] [--workers 4]",
    options: {
      host: {type: "string", valueName: "<host>", description: "Interface to listen on (default 127.0.0.1)"},
      port: {type: "string", short: "p", valueName: "<port>", description: "Port to listen on (default 3006)"},
      "max-body-mb": {type: "string", valueName: "<mb>", description: "Refuse request bodies larger than this with 413 (default 10)"},
      workers: {type: "string", short: "w", valueName: "<n>", description: "Processes sharing the port (default: one per core in production, 1 otherwise)"}
    },
    load: () => import("./server.js")
  },
  {
    name: "routes",
    description: "Print the route table (method, path, controller, action)",
    load: () => import("./routes.js")
  },
  {
    name: "g:model",
    description: "Create src/models/<name>.(js|ts) and its create-<table> migration",
    usage: "velocious g:model <Name> [--attributes name:string done:boolean]",
    positionals: "<Name> [name:type ...]  e.g. Task title:string done:boolean",
    options: {
      attributes: {type: "string", multiple: true, valueName: "<name:type ...>", description: "Columns for the migration (types: bigint, blob, boolean, datetime, integer, json, string, text, tinyint, uuid, references)"}
    },
    load: () => import("./generate-model.js")
  },
  {
    name: "g:migration",
    description: "Create src/database/migrations/<timestamp>-<name>.(js|ts)",
    usage: "velocious g:migration <name>",
    positionals: "<name>  e.g. create-tasks",
    load: () => import("./generate-migration.js")
  },
  {
    name: "g:controller",
    description: "Create src/routes/<name>/controller.(js|ts), a view per action and GET routes to them",
    usage: "velocious g:controller <name> [action ...]",
    positionals: "<name> [action ...]  e.g. tasks index show, or admin/users index",
    load: () => import("./generate-controller.js")
  },
  {
    name: "g:frontend-models",
    description: "Write src/frontend-models/<name>.(js|ts) for every resource in backendProjects (regenerated each run)",
    load: () => import("./generate-frontend-models.js")
  },
  {
    name: "console",
    description: "Open a REPL with the app booted: models by class name, configuration, top-level await",
    load: () => import("./console.js")
  },
  {
    name: "background-jobs-main",
    description: "Run the background jobs queue router (backgroundJobs.host/port) until SIGTERM/SIGINT",
    usage: "velocious background-jobs-main [--host 127.0.0.1] [--port 7331]",
    options: {
      host: {type: "string", valueName: "<host>", description: "Interface to listen on (default backgroundJobs.host, VELOCIOUS_BACKGROUND_JOBS_HOST or 127.0.0.1)"},
      port: {type: "string", short: "p", valueName: "<port>", description: "Port to listen on (default backgroundJobs.port, VELOCIOUS_BACKGROUND_JOBS_PORT or 7331; 0 picks a free one)"}
    },
    load: () => import("./background-jobs-main.js")
  },
  {
    name: "background-jobs-worker",
    description: "Run background jobs handed out by the main until SIGTERM/SIGINT",
    usage: "velocious background-jobs-worker [--host 127.0.0.1] [--port 7331] [--workers 1] [--concurrency 1]",
    options: {
      host: {type: "string", valueName: "<host>", description: "The main's host (default backgroundJobs.host)"},
      port: {type: "string", short: "p", valueName: "<port>", description: "The main's port (default backgroundJobs.port)"},
      workers: {type: "string", short: "w", valueName: "<n>", description: "Workers in this process, each its own connection to the main (default 1)"},
      concurrency: {type: "string", short: "c", valueName: "<n>", description: "Jobs each worker runs at once (default 1)"}
    },
    load: () => import("./background-jobs-worker.js")
  },
  {
    name: "jobs:status",
    description: "Print background job counts by state and the failed jobs with their last error",
    load: () => import("./jobs-status.js")
  }
]
