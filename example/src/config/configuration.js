import Configuration from "velocious/build/src/configuration.js"

export default new Configuration({
  database: {
    development: {default: {type: "sqlite", name: "development"}},
    production: {default: {type: "sqlite", name: "production"}},
    test: {default: {type: "sqlite", name: "test"}}
  },
  cookieSecret: process.env.EXAMPLE_COOKIE_SECRET || "example app secret: set EXAMPLE_COOKIE_SECRET in production"
})
