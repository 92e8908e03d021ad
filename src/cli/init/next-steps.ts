import {lines} from "./template-context.js"

/** The closing text: the commands that take a fresh app to a running server and a passing test. */
export function nextStepsText({extension, velociousInstalled, typescript}: {extension: "js" | "ts", velociousInstalled: boolean, typescript: boolean}): string {
  const steps: [string, string][] = [
    ...velociousInstalled ? [] : [["npm install velocious", "not in this folder's node_modules yet"] as [string, string]],
    ["npx velocious db:migrate", "creates db/development.sqlite"],
    ["npx velocious server", "then open http://127.0.0.1:3006"],
    ["npx velocious test", `runs spec/requests/root-spec.${extension}`]
  ]
  const width = Math.max(...steps.map(([command]) => command.length))

  return lines(
    ``,
    `Next steps:`,
    ...steps.map(([command, note]) => `  ${command.padEnd(width)}  # ${note}`),
    ...typescript ? [``, `Type-checking (npm run typecheck) needs: npm install --save-dev typescript @types/node`] : []
  )
}
