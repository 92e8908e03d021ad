/** What the init templates vary on; JavaScript and TypeScript apps share every template. */
export interface TemplateContext {
  typescript: boolean
  /** "js" or "ts": app source files and the paths the templates mention. */
  extension: "js" | "ts"
  /** snake_case app name, for the database names in the commented PostgreSQL/MariaDB examples. */
  appName: string
  /** Written into the configuration, so it is committed with the code: used outside production only. */
  developmentCookieSecret: string
}

export function lines(...content: string[]): string {
  return `${content.join("\n")}\n`
}
