// What a browser app carries to use records: the record and query modules and the sql.js driver.
export {default as Record} from "../../build/src/database/record/index.js"
export {default as Query} from "../../build/src/database/query/index.js"
export {default as SqlJsDriver} from "../../build/src/database/drivers/sqljs/index.js"
