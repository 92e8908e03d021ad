import type Configuration from "../configuration.js"
import type {TranslateArgs} from "./translate.js"

export type Translator = (msgId: string, args?: TranslateArgs) => string

// Kept apart from translate.ts, whose .po loading reads files: configuration.js imports this
// module, and must stay loadable in a browser bundle.
const customTranslators = new WeakMap<Configuration, Translator>()

export function setTranslator(configuration: Configuration, translator: Translator | undefined): void {
  if (translator !== undefined && typeof translator !== "function") throw new TypeError("setTranslator() takes a function (msgID, args) => string, or undefined for the default translator")

  if (translator) customTranslators.set(configuration, translator)
  else customTranslators.delete(configuration)
}

export function customTranslatorFor(configuration: Configuration): Translator | undefined {
  return customTranslators.get(configuration)
}
