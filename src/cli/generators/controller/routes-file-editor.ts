import {scanSource, type ScannedSource} from "./code-scanner.js"
import {routeStatements, type GeneratedRoute} from "./route-lines.js"

export type RoutesEdit =
  | {kind: "updated", source: string}
  | {kind: "unchanged"}
  | {kind: "unsupported", reason: string}

interface Scope {
  /** The callback's parameter name (`route`, or whatever the file uses) */
  param: string
  open: number
  close: number
}

const identifier = "[A-Za-z_$][\\w$]*"
// `(route) => {`, `(route: RouteScope) => {` or `route => {`
const callbackHead = `(?:\\(\\s*(${identifier})\\s*(?::[^()]*)?\\)|(${identifier}))\\s*=>\\s*\\{`

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}

/** Matches of `pattern` that start in code directly inside `scope` (not in a nested block). */
function directMatches(source: string, scanned: ScannedSource, pattern: RegExp, scope: Pick<Scope, "open" | "close">): RegExpExecArray[] {
  const found: RegExpExecArray[] = []
  const depth = scanned.depthAt(scope.open + 1)

  pattern.lastIndex = scope.open + 1

  for (let match = pattern.exec(source); match && match.index < scope.close; match = pattern.exec(source)) {
    if (scanned.isCode(match.index) && scanned.depthAt(match.index) === depth) found.push(match)
  }

  return found
}

function scopeFromMatch(match: RegExpExecArray, scanned: ScannedSource): Scope | undefined {
  const open = match.index + match[0].length - 1
  const close = scanned.closingBrace(open)

  return close === undefined ? undefined : {param: match[1] || match[2], open, close}
}

function drawScope(source: string, scanned: ScannedSource): Scope | string {
  const pattern = new RegExp(`\\.draw\\(\\s*${callbackHead}`, "g")
  const matches = [...source.matchAll(pattern)].filter((match) => scanned.isCode(match.index))

  if (matches.length === 0) return "it has no `routes.draw((route) => { ... })` block"
  if (matches.length > 1) return "it has several `routes.draw(...)` blocks"

  return scopeFromMatch(matches[0] as RegExpExecArray, scanned) || "its `routes.draw(...)` block is not closed"
}

function namespaceScope(source: string, scanned: ScannedSource, scope: Scope, name: string): Scope | undefined {
  const pattern = new RegExp(`(?<![\\w$])${escapeRegExp(scope.param)}\\.namespace\\(\\s*(["'])${escapeRegExp(name)}\\1\\s*,\\s*${callbackHead}`, "g")
  const [match] = directMatches(source, scanned, pattern, scope)

  if (!match) return undefined

  // The quote group shifts the callback's groups by one.
  const open = match.index + match[0].length - 1
  const close = scanned.closingBrace(open)

  return close === undefined ? undefined : {param: match[2] || match[3], open, close}
}

function hasRoute(source: string, scanned: ScannedSource, scope: Scope, route: GeneratedRoute): boolean {
  const actions = [route.action, route.dashedAction].map(escapeRegExp).join("|")
  const pattern = new RegExp(`(?<![\\w$])${escapeRegExp(scope.param)}\\.get\\(\\s*(["'])${escapeRegExp(route.path)}\\1\\s*,\\s*\\{\\s*to\\s*:\\s*(["'])${escapeRegExp(route.controller)}#(?:${actions})\\2\\s*,?\\s*\\}\\s*\\)`, "g")

  return directMatches(source, scanned, pattern, scope).length > 0
}

function lineIndent(source: string, index: number): string {
  const lineStart = source.lastIndexOf("\n", index - 1) + 1

  return /^[ \t]*/.exec(source.slice(lineStart))![0]
}

/** Puts `lines` (relative indentation) at the end of `scope`'s body, a blank line after what is there. */
function insertAtEnd(source: string, scope: Scope, lines: string[]): string {
  const outer = lineIndent(source, scope.open)
  const inner = `${outer}  `
  const indented = lines.map((line) => `${inner}${line}`).join("\n")
  const closeLineStart = source.lastIndexOf("\n", scope.close - 1) + 1

  if (closeLineStart > scope.open && source.slice(closeLineStart, scope.close).trim() === "") {
    const body = source.slice(scope.open + 1, closeLineStart)
    const separator = body.trim() !== "" && !/\n[ \t]*\n$/.test(body) ? "\n" : ""

    return `${source.slice(0, closeLineStart)}${separator}${indented}\n${source.slice(closeLineStart)}`
  }

  // `{}` or `{ ... }` on one line: open it up.
  return `${source.slice(0, scope.close)}\n${indented}\n${outer}${source.slice(scope.close)}`
}

/**
 * Adds the routes (inside `namespaces`) to a routes file's `routes.draw(...)` block, reusing an
 * existing `namespace(...)` block, and leaving out routes that are already there.
 */
export function addRoutes(source: string, namespaces: string[], routes: GeneratedRoute[]): RoutesEdit {
  const scanned = scanSource(source)

  if (!scanned.balanced) return {kind: "unsupported", reason: "its strings, comments or braces could not be read"}

  const draw = drawScope(source, scanned)

  if (typeof draw === "string") return {kind: "unsupported", reason: draw}

  let scope = draw
  let depth = 0

  for (; depth < namespaces.length; depth++) {
    const nested = namespaceScope(source, scanned, scope, namespaces[depth])

    if (!nested) break

    scope = nested
  }

  const missing = depth === namespaces.length ? routes.filter((route) => !hasRoute(source, scanned, scope, route)) : routes

  if (missing.length === 0) return {kind: "unchanged"}

  return {kind: "updated", source: insertAtEnd(source, scope, routeStatements(scope.param, namespaces.slice(depth), missing))}
}
