import {lines} from "../template-context.js"

/** .gitignore: installed packages, logs and SQLite files (db/structure-*.sql stays tracked). */
export function gitignoreTemplate(): string {
  return lines(
    `node_modules/`,
    `log/`,
    `tmp/`,
    `db/*.sqlite`,
    `db/*.sqlite-*`,
    `.env`
  )
}
