import type Record from "../index.js"
import {checkKeys} from "../../../utils/check-keys.js"
import {validators, type Validator} from "./validators.js"

export interface ValidationRules {
  presence?: boolean
  uniqueness?: boolean | {scope?: string | string[], caseSensitive?: boolean}
  length?: {minimum?: number, maximum?: number, is?: number}
  format?: {with: RegExp, message?: string}
  numericality?: boolean | {onlyInteger?: boolean, greaterThan?: number, greaterThanOrEqualTo?: number, lessThan?: number, lessThanOrEqualTo?: number}
  inclusion?: {in: readonly unknown[], message?: string}
}

export interface ValidatorDefinition {
  attribute: string
  rule: keyof ValidationRules
  options: unknown
  validator: Validator
}

export function addValidations(model: typeof Record, list: ValidatorDefinition[], attribute: string, rules: ValidationRules): void {
  checkKeys(rules, Object.keys(validators), `${model.name}.validates("${attribute}")`)

  for (const [rule, options] of Object.entries(rules) as [keyof ValidationRules, unknown][]) {
    if (options === false || options === undefined) continue

    list.push({attribute, rule, options, validator: validators[rule]})
  }
}

/** Clears and refills `record.errors`; true when there are none. Without validations it answers without a promise. */
export function runValidations(record: Record): boolean | Promise<boolean> {
  record.clearErrors()

  const definitions = record.getModel().getValidations()

  return definitions.length === 0 ? true : runEach(record, definitions)
}

async function runEach(record: Record, definitions: ValidatorDefinition[]): Promise<boolean> {
  for (const definition of definitions) {
    await definition.validator({record, attribute: definition.attribute, value: record.readAttribute(definition.attribute), options: definition.options})
  }

  return record.errors.isEmpty()
}
