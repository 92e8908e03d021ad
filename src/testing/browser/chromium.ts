import fs from "node:fs"
import type {Browser} from "playwright-core"

export class BrowserTestSetupError extends Error {
  override name = "BrowserTestSetupError"
}

const chromiumCandidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"]

/** VELOCIOUS_CHROMIUM_PATH, else the first system Chromium/Chrome found. Playwright's own browser downloads are never used. */
export function chromiumExecutable(): string {
  const configured = process.env.VELOCIOUS_CHROMIUM_PATH

  if (configured) {
    if (!fs.existsSync(configured)) throw new BrowserTestSetupError(`VELOCIOUS_CHROMIUM_PATH is ${configured}, which does not exist`)

    return configured
  }

  const found = chromiumCandidates.find((candidate) => fs.existsSync(candidate))

  if (!found) {
    throw new BrowserTestSetupError(`Browser tests need Chromium or Chrome, and none was found (looked at ${chromiumCandidates.join(", ")}). Install it (Debian/Ubuntu: apt-get install chromium) or set VELOCIOUS_CHROMIUM_PATH to its executable`)
  }

  return found
}

let launching: Promise<Browser> | undefined

/** One headless Chromium for the whole run, launched on first use through playwright-core (an optional peer dependency). */
export function sharedChromium(): Promise<Browser> {
  launching ||= launch().catch((error: unknown) => {
    launching = undefined

    throw error
  })

  return launching
}

async function launch(): Promise<Browser> {
  const executablePath = chromiumExecutable()
  let playwright: typeof import("playwright-core")

  try {
    playwright = await import("playwright-core")
  } catch (error) {
    throw new BrowserTestSetupError("Browser tests drive Chromium with the \"playwright-core\" package, which is not installed. Install it with: npm install --save-dev playwright-core", {cause: error})
  }

  return await playwright.chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
  })
}

export async function closeSharedChromium(): Promise<void> {
  const current = launching

  launching = undefined
  await (await current?.catch(() => undefined))?.close()
}
