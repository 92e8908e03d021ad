import {DatabaseError} from "../../drivers/base/errors.js"

/** The user module was set up wrongly (no secret key, no encrypted_password column, too few iterations). */
export class UserModuleSetupError extends DatabaseError {
  override name = "UserModuleSetupError"
}
