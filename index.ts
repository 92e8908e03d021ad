export {default as Configuration} from "./src/configuration.js"
export {default as Logger} from "./src/logger.js"
export {default as NodeEnvironmentHandler} from "./src/environment-handlers/node.js"
export {default as BrowserEnvironmentHandler} from "./src/environment-handlers/browser.js"
