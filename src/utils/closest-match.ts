export function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, index) => index)

  for (let i = 1; i <= a.length; i++) {
    const current = [i]

    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)

      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution)
    }

    previous = current
  }

  return previous[b.length]
}

/** The candidate nearest to `input`, or undefined when none is close enough to be a plausible typo. */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity

  for (const candidate of candidates) {
    const distance = candidate.startsWith(input) || input.startsWith(candidate)
      ? Math.abs(candidate.length - input.length) / 2
      : editDistance(input.toLowerCase(), candidate.toLowerCase())

    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }

  const allowed = Math.max(2, Math.ceil(input.length / 3))

  return bestDistance <= allowed ? best : undefined
}
