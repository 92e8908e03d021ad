import {underscore} from "../../../utils/inflection.js"

/** A record's validation errors: per attribute, with Rails-style full messages ("Name can't be blank"). */
export default class Errors {
  private readonly messages = new Map<string, string[]>()

  constructor(private readonly record: unknown) {}

  add(attribute: string, message: string): void {
    this.messages.set(attribute, [...(this.messages.get(attribute) || []), message])
  }

  on(attribute: string): string[] {
    return this.messages.get(attribute) || []
  }

  clear(): void {
    this.messages.clear()
  }

  isEmpty(): boolean {
    return this.messages.size === 0
  }

  count(): number {
    return [...this.messages.values()].reduce((total, list) => total + list.length, 0)
  }

  fullMessages(): string[] {
    const full: string[] = []

    for (const [attribute, messages] of this.messages) {
      const label = humanize(attribute)

      for (const message of messages) full.push(attribute === "base" ? message : `${label} ${message}`)
    }

    return full
  }

  toJSON(): {[attribute: string]: string[]} {
    return Object.fromEntries(this.messages)
  }

  getRecord(): unknown {
    return this.record
  }
}

function humanize(attribute: string): string {
  const words = underscore(attribute).replace(/_id$/, "").replace(/_/g, " ")

  return words.charAt(0).toUpperCase() + words.slice(1)
}
