const schedule = [10, 60, 600, 3600]

export const defaultMaxRetries = 10

/** Seconds before retry number `retry` (1-based): 10 s, 1 min, 10 min, 1 h, then one more hour per retry. */
export function retryDelaySeconds(retry: number): number {
  if (retry <= schedule.length) return schedule[Math.max(retry, 1) - 1]

  return 3600 * (retry - schedule.length + 1)
}
