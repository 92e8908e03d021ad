import {camelize, capitalize, classify} from "../../../utils/inflection.js"

export interface ModelAttribute {
  /** snake_case column name, e.g. `due_at`, or the relationship name for `references`. */
  name: string
  type: string
}

// What the column accessors return for each migration type (see record/attribute-casting).
const typeScriptTypes: Record<string, string> = {
  bigint: "number",
  blob: "Uint8Array",
  boolean: "boolean",
  datetime: "Date",
  integer: "number",
  json: "unknown",
  string: "string",
  text: "string",
  tinyint: "number",
  uuid: "string"
}

function accessorDeclarations(column: string, type: string): string[] {
  const reader = camelize(column)
  const valueType = `${type} | null`

  return [
    `  declare ${reader}: () => ${valueType}`,
    `  declare set${capitalize(reader)}: (value: ${valueType}) => void`
  ]
}

/**
 * A generated model. `references` attributes get `belongsTo`, as in Rails. In TypeScript the
 * accessors that initialization defines at runtime are `declare`d, so `task.name()` type-checks
 * (a `declare` field emits nothing, so it never shadows the real accessor). `existingModels`
 * maps the app's model class names to their file names (no extension), so a `references`
 * attribute can use its target's type.
 */
export function modelSource(className: string, attributes: ModelAttribute[], {typescript, existingModels}: {typescript: boolean, existingModels: Map<string, string>}): string {
  const references = attributes.filter((attribute) => attribute.type === "references")
  const imports = [`import Record from "velocious/build/src/database/record/index.js"`]
  const body: string[] = []

  if (typescript) {
    for (const attribute of attributes) {
      if (attribute.type === "references") {
        body.push(...accessorDeclarations(`${attribute.name}_id`, "number"))
      } else {
        body.push(...accessorDeclarations(attribute.name, typeScriptTypes[attribute.type] || "unknown"))
      }
    }

    body.push(`  declare createdAt: () => Date`, `  declare updatedAt: () => Date`)

    for (const attribute of references) {
      const relationship = camelize(attribute.name)
      const target = classify(attribute.name)
      const targetFile = existingModels.get(target)

      if (targetFile) {
        imports.push(`import type ${target} from "./${targetFile}.js"`)
      } else {
        body.push(`  // No ${target} model yet: once it exists, import its type and use it here.`)
      }

      body.push(
        `  declare ${relationship}: () => ${targetFile ? target : "Record"}`,
        `  declare load${capitalize(relationship)}: () => Promise<void>`
      )
    }
  }

  const lines = [...imports, ``, `export default class ${className} extends Record {`, ...body, `}`, ``]

  for (const attribute of references) lines.push(`${className}.belongsTo("${camelize(attribute.name)}")`)
  if (references.length > 0) lines.push(``)

  return lines.join("\n")
}
