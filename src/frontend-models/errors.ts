/** A frontend-model request the server refuses to run: an unknown or unlisted attribute, a malformed where, order or limit. */
export class BadFrontendModelRequestError extends Error {
  override name = "BadFrontendModelRequestError"
}

/** A write naming an attribute the resource does not list: listed attributes are the only ones the frontend may set. */
export class UnpermittedAttributeError extends BadFrontendModelRequestError {
  override name = "UnpermittedAttributeError"
}
