import {chromium, type Browser} from "playwright-core"

/** Debian's Chromium (never a downloaded one); CHROMIUM_PATH overrides where it is. */
export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium"

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
  })
}
