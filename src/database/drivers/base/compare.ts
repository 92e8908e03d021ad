/** Code-unit order, so sorting never depends on the server's or Node's locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
