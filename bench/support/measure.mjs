// Timing helpers shared by the benchmarks: sides measured in alternating order per round,
// warm-up rounds dropped, medians and the median of paired per-round ratios.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)

  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

export async function timed(callback) {
  const started = performance.now()

  await callback()

  return performance.now() - started
}

/**
 * Runs `run(side)` for every side, `warmupRounds + rounds` times. The order rotates by one
 * side per round so no side always goes first or always follows the same one's warm caches. `reset()` runs before every measurement, outside the timed part.
 * Returns side name → the kept times in ms, one per round, in round order.
 */
export async function measureRounds({sides, rounds, warmupRounds, run, reset}) {
  const times = Object.fromEntries(sides.map((side) => [side, []]))

  for (let round = 0; round < warmupRounds + rounds; round++) {
    const order = sides.map((_, index) => sides[(index + round) % sides.length])

    for (const side of order) {
      await reset?.()

      const ms = await timed(() => run(side))

      if (round >= warmupRounds) times[side].push(ms)
    }
  }

  return times
}

/**
 * Rounds are paired (run back to back), so the median of per-round ratios is steadier than a
 * ratio of medians when other work shares the machine.
 */
export function medianRatio(numerators, denominators) {
  return median(numerators.map((value, round) => value / denominators[round]))
}
