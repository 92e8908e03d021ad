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

/** Clears and refills `record.errors`; true when there are none. */
export async function runValidations(record: Record): Promise<boolean> {
  record.errors.clear()

  for (const definition of record.getModel().getValidations()) {
    await definition.validator({record, attribute: definition.attribute, value: record.readAttribute(definition.attribute), options: definition.options})
  }

  return record.errors.isEmpty()
}
