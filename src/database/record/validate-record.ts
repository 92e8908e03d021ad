import {runCallbacks} from "./callbacks.js"
import type Record from "./index.js"
import {runValidations} from "./validations/index.js"

/** beforeValidation callbacks, then the validations; a promise only when a callback returned one. */
export function validateRecord(record: Record): boolean | Promise<boolean> {
  const callbacks = runCallbacks(record, "beforeValidation")

  return callbacks ? callbacks.then(() => runValidations(record)) : runValidations(record)
}
