import {ExpectationFailedError} from "velocious/build/src/testing/test.js"

// Runs an assertion that should fail and hands back its error, so specs can check the message.
export function failureOf(assertion: () => unknown): ExpectationFailedError {
  try {
    assertion()
  } catch (error) {
    if (error instanceof ExpectationFailedError) return error

    throw error
  }

  throw new Error("Expected the assertion to fail, but it passed")
}

export async function asyncFailureOf(assertion: () => Promise<unknown>): Promise<ExpectationFailedError> {
  try {
    await assertion()
  } catch (error) {
    if (error instanceof ExpectationFailedError) return error

    throw error
  }

  throw new Error("Expected the assertion to fail, but it passed")
}
