import {chromium, type Browser} from "playwright-core"
import {chromiumExecutable} from "velocious/build/src/testing/browser/chromium.js"

/** A Chromium of the spec's own (the one `velocious test --browser` shares is per run), found the same way: the system's, never a download. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
  })
}
