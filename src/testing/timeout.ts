export class TestTimeoutError extends Error {
  override name = "TestTimeoutError"
}

/** Runs `fn`, failing with a message that names the test and the limit if it takes longer than `seconds`. */
export async function withTimeout<T>(fn: () => T | Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined

  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new TestTimeoutError(`${what} timed out after ${seconds} second${seconds === 1 ? "" : "s"} (set {timeoutSeconds: N} on the test or configureTests({defaultTimeoutSeconds: N}))`))
    }, seconds * 1000)
  })

  try {
    return await Promise.race([Promise.resolve().then(fn), timeout])
  } finally {
    clearTimeout(timer)
  }
}
