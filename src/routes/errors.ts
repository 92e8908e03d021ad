export class RouteDefinitionError extends Error {
  override name = "RouteDefinitionError"
}

export class DuplicateRouteError extends RouteDefinitionError {
  override name = "DuplicateRouteError"
}

/** A request path that cannot be decoded (bad percent-encoding); the server answers 400. */
export class MalformedPathError extends Error {
  override name = "MalformedPathError"
}
