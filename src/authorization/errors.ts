/** An action the ability does not grant: `ability.authorize("update", task)` and frontend-model commands raise it. */
export class AccessDeniedError extends Error {
  override name = "AccessDeniedError"
}

/** `Model.accessible()` without an ability outside a request (or with no abilityResolver configured). */
export class NoCurrentAbilityError extends Error {
  override name = "NoCurrentAbilityError"
}

/** A resource's abilities() that cannot work: an async abilities(), a can() without a model class, a bad condition. */
export class AbilityDefinitionError extends Error {
  override name = "AbilityDefinitionError"
}
