export {modelsDirectory} from "../../environment-handlers/node/app-model-files.js"
