import BrowserEnvironmentHandler from "../../build/src/environment-handlers/browser.js"
import {runWorkload} from "./workload.mjs"

globalThis.runBench = ({rounds, warmupRounds}) => runWorkload({environmentHandler: new BrowserEnvironmentHandler({sqlJs: {locateFile: (file) => `/${file}`}}), rounds, warmupRounds})
