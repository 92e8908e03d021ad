import type {ColumnInfo} from "../drivers/base/introspection-types.js"
import type Record from "./index.js"
import {camelize, capitalize} from "../../utils/inflection.js"

/**
 * `name()` and `setName(value)` for every column. A name the class (or Record) already
 * defines is left alone, so a column called `save` cannot break saving; readAttribute and
 * writeAttribute still reach it.
 */
export function defineColumnAccessors(model: typeof Record, columns: ColumnInfo[]): void {
  const prototype = model.prototype as unknown as {[name: string]: unknown}

  for (const column of columns) {
    const getter = camelize(column.name)
    const setter = `set${capitalize(getter)}`

    if (!(getter in prototype)) {
      Object.defineProperty(prototype, getter, {
        configurable: true,
        writable: true,
        value(this: Record) { return this.readAttribute(column.name) }
      })
    }

    if (!(setter in prototype)) {
      Object.defineProperty(prototype, setter, {
        configurable: true,
        writable: true,
        value(this: Record, value: unknown) { return this.writeAttribute(column.name, value) }
      })
    }
  }
}
