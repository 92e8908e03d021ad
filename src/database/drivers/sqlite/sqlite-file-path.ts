import path from "node:path"

/** `":memory:"` stays in memory; a plain name is `db/<name>.sqlite` in the app; a path is used as given. */
export function sqliteFilePath(name: string, appDirectory: string): string {
  if (name === ":memory:") return name
  if (path.isAbsolute(name)) return name
  if (name.includes("/") || name.includes("\\") || /\.(sqlite3?|db)$/.test(name)) return path.resolve(appDirectory, name)

  return path.join(appDirectory, "db", `${name}.sqlite`)
}
