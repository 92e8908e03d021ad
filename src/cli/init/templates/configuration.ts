import {lines, type TemplateContext} from "../template-context.js"

/** src/config/configuration.(js|ts): SQLite in every environment, PostgreSQL/MariaDB as comments. */
export function configurationTemplate({appName, developmentCookieSecret}: TemplateContext): string {
  return lines(
    `import Configuration from "velocious/build/src/configuration.js"`,
    ``,
    `// The same rule Velocious uses: VELOCIOUS_ENV, then NODE_ENV, then "development".`,
    `const environment = process.env.VELOCIOUS_ENV || process.env.NODE_ENV || "development"`,
    ``,
    `// This secret is committed with your code, so it is used only in development and test.`,
    `// Elsewhere set COOKIE_SECRET (e.g. to the output of \`openssl rand -hex 32\`).`,
    `const developmentCookieSecret = "${developmentCookieSecret}"`,
    ``,
    `export default new Configuration({`,
    `  database: {`,
    `    // SQLite files: db/development.sqlite, db/test.sqlite and db/production.sqlite.`,
    `    development: {default: {type: "sqlite", name: "development"}},`,
    `    test: {default: {type: "sqlite", name: "test"}},`,
    `    production: {default: {type: "sqlite", name: "production"}}`,
    ``,
    `    // PostgreSQL (npm install pg), e.g. for production:`,
    `    // production: {default: {type: "pgsql", host: "127.0.0.1", port: 5432, username: "postgres", password: process.env.DATABASE_PASSWORD, database: "${appName}_production"}}`,
    `    //`,
    `    // MariaDB / MySQL (npm install mysql2):`,
    `    // production: {default: {type: "mysql", host: "127.0.0.1", port: 3306, username: "root", password: process.env.DATABASE_PASSWORD, database: "${appName}_production"}}`,
    `    //`,
    `    // Then create the database with \`npx velocious db:create\`.`,
    `  },`,
    `  // Logs go to log/<environment>.log too; tests log only there, so their output stays readable.`,
    `  logging: {console: environment !== "test", file: true},`,
    `  // Encrypts cookies set with {encrypted: true}.`,
    `  cookieSecret: process.env.COOKIE_SECRET || (["development", "test"].includes(environment) ? developmentCookieSecret : undefined)`,
    `})`
  )
}
