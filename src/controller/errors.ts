export class DoubleRenderError extends Error {
  override name = "DoubleRenderError"
}
