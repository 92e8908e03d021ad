interface GettextUniversalConfig {
  getLocales(): Record<string, Record<string, unknown>>
}

// gettext-universal is optional: apps that register compiled translations with it
// (Object.assign(gettextConfig.getLocales(), {en})) have it installed; others don't need it.
let gettextConfig: GettextUniversalConfig | undefined

try {
  const specifier = "gettext-universal/build/src/config.js"
  const loaded = await import(/* @vite-ignore */ specifier)

  gettextConfig = loaded.default as GettextUniversalConfig
} catch {
  gettextConfig = undefined
}

/** The compiled translations registered with gettext-universal for `locale`, when it is installed. */
export function gettextUniversalMessages(locale: string): Record<string, unknown> | undefined {
  return gettextConfig?.getLocales()[locale]
}
