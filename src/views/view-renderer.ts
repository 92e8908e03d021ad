import fs from "node:fs/promises"
import ejs from "ejs"
import {MissingViewError} from "./errors.js"

type Template = ejs.AsyncTemplateFunction

interface CachedTemplate {
  template: Template
  mtimeMs: number
}

const cache = new Map<string, CachedTemplate>()

export interface RenderViewArgs {
  /** Absolute path of the .ejs file */
  file: string
  locals: Record<string, unknown>
  /** App-relative path, for the missing-view message */
  displayPath: string
  /** Re-check the file's mtime on each render (development), instead of compiling once. */
  reload: boolean
}

/**
 * Renders an EJS view. Templates compile once and are cached; with `reload` the cache is
 * checked against the file's mtime, so edits show up without a restart. Views are async
 * templates, so they may `await` (e.g. a relationship load).
 */
export async function renderView({file, locals, displayPath, reload}: RenderViewArgs): Promise<string> {
  const template = await loadTemplate(file, displayPath, reload)

  return await template(locals)
}

async function loadTemplate(file: string, displayPath: string, reload: boolean): Promise<Template> {
  const cached = cache.get(file)

  if (cached && !reload) return cached.template

  let mtimeMs: number

  try {
    mtimeMs = (await fs.stat(file)).mtimeMs
  } catch {
    throw new MissingViewError(`Missing view ${displayPath}: create it, or render something else from the action (e.g. this.renderJson({...}))`)
  }

  if (cached && cached.mtimeMs === mtimeMs) return cached.template

  const source = await fs.readFile(file, "utf8")
  const template = ejs.compile(source, {async: true, filename: file})

  cache.set(file, {template, mtimeMs})

  return template
}

export function clearViewCache(): void {
  cache.clear()
}
