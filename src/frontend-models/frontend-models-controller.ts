import {currentAbility} from "../authorization/current-ability.js"
import {AccessDeniedError, NoCurrentAbilityError} from "../authorization/errors.js"
import Controller from "../controller.js"
import {RecordNotFoundError, UnknownAttributeError, ValidationError} from "../database/record/errors.js"
import {runFrontendModelCommand} from "./commands.js"
import {resourceModel} from "./client-params.js"
import type {FrontendModelRoute} from "./endpoint-routes.js"
import {BadFrontendModelRequestError} from "./errors.js"

interface ErrorAnswer {
  status: number
  body: {status: "error", errorMessage: string, errorType: string, validationErrors?: {[attribute: string]: string[]}}
}

/** What the client gets for a failed command it caused; undefined for anything else (reported, and not described in production). */
function errorAnswer(error: unknown): ErrorAnswer | undefined {
  const errorType = error instanceof Error ? error.name : "Error"
  const errorMessage = error instanceof Error ? error.message : String(error)

  if (error instanceof ValidationError) {
    const record = error.record as {errors: {toJSON(): {[attribute: string]: string[]}}}

    return {status: 422, body: {status: "error", errorMessage, errorType, validationErrors: record.errors.toJSON()}}
  }
  if (error instanceof RecordNotFoundError) return {status: 404, body: {status: "error", errorMessage, errorType}}
  if (error instanceof AccessDeniedError || error instanceof NoCurrentAbilityError) return {status: 403, body: {status: "error", errorMessage, errorType}}
  if (error instanceof BadFrontendModelRequestError || error instanceof UnknownAttributeError) return {status: 400, body: {status: "error", errorMessage, errorType}}

  return undefined
}

/** The framework's controller behind every frontend-model endpoint (see endpoint-routes.ts). */
export default class FrontendModelsController extends Controller {
  async command(): Promise<void> {
    const {project, resource, command} = (this.getRoute() as FrontendModelRoute).frontendModel
    const production = this.getConfiguration().getEnvironment() === "production"

    try {
      const ability = currentAbility()

      if (!ability) throw new NoCurrentAbilityError(`${resource.modelName} ${command}: no ability for this request. Configure abilityResolver, which frontend-model commands are authorized with`)

      const result = await runFrontendModelCommand(command, {project, resource, model: resourceModel(resource), ability, params: this.params()})

      this.renderJson({status: "success", ...result})
    } catch (error) {
      const answer = errorAnswer(error)

      if (answer) return this.renderJson(answer.body, {status: answer.status})

      this.getConfiguration().getErrorEvents().reportFrameworkError({error, request: this.getRequest(), response: this.getResponse(), context: {frontendModel: resource.modelName, command}})
      this.renderJson({status: "error", errorMessage: production ? "Internal server error" : (error instanceof Error ? error.message : String(error)), errorType: production ? "InternalServerError" : (error instanceof Error ? error.name : "Error")}, {status: 500})
    }
  }
}
