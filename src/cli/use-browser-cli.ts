import {useEffect, useMemo} from "react"
import type Configuration from "../configuration.js"
import BrowserCli from "./browser-cli.js"

/**
 * React hook: a BrowserCli for the configuration, set as `globalThis.velociousCLI` while the
 * component is mounted. React is an optional peer dependency of velocious: only this file
 * imports it, so apps that do not use the hook never need it.
 */
export default function useBrowserCli({configuration}: {configuration: Configuration}): BrowserCli {
  const browserCli = useMemo(() => new BrowserCli({configuration}), [configuration])

  useEffect(() => {
    browserCli.enable()

    return () => browserCli.disable()
  }, [browserCli])

  return browserCli
}
