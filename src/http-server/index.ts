export {default, defaultHost, defaultMaxBodyBytes, defaultPort, type HttpServerOptions} from "./http-server.js"
