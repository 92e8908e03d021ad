import {registerTestType} from "../test-types.js"
import RequestClient from "./request-client.js"
import {requestTestBaseUrl} from "./request-test-server.js"

/** `describe("...", {type: "request"}, ...)`: each test gets a fresh `client` (own cookies) to the shared app server. */
registerTestType("request", {
  async prepare({testArgs}) {
    testArgs.client = new RequestClient(await requestTestBaseUrl())
  }
})
