export {default as RequestClient, type RequestOptions} from "./request-client.js"
export {default as RequestResponse} from "./request-response.js"
export {requestTestBaseUrl, stopRequestTestServer, RequestTestSetupError} from "./request-test-server.js"
