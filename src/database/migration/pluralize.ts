export {pluralize} from "../../utils/inflection.js"
