export interface DiffLine {
  kind: "-" | "+" | " "
  text: string
}

// Above this many cells the LCS table gets too slow and too big; such diffs are unreadable anyway.
const maxTableCells = 4_000_000

export function diffLines(expected: string[], received: string[]): DiffLine[] {
  let start = 0

  while (start < expected.length && start < received.length && expected[start] === received[start]) start++

  let expectedEnd = expected.length
  let receivedEnd = received.length

  while (expectedEnd > start && receivedEnd > start && expected[expectedEnd - 1] === received[receivedEnd - 1]) {
    expectedEnd--
    receivedEnd--
  }

  const common = (lines: string[]): DiffLine[] => lines.map((text) => ({kind: " ", text}))
  const middle = middleDiff(expected.slice(start, expectedEnd), received.slice(start, receivedEnd))

  return [...common(expected.slice(0, start)), ...middle, ...common(expected.slice(expectedEnd))]
}

function middleDiff(expected: string[], received: string[]): DiffLine[] {
  const rows = expected.length
  const columns = received.length

  if (rows * columns > maxTableCells) {
    return [...expected.map((text) => ({kind: "-" as const, text})), ...received.map((text) => ({kind: "+" as const, text}))]
  }

  // lengths[i][j] is the LCS length of expected[i..] and received[j..], flattened into one array.
  const width = columns + 1
  const lengths = new Uint32Array((rows + 1) * width)

  for (let i = rows - 1; i >= 0; i--) {
    for (let j = columns - 1; j >= 0; j--) {
      lengths[i * width + j] = expected[i] === received[j]
        ? lengths[(i + 1) * width + j + 1] + 1
        : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
    }
  }

  const result: DiffLine[] = []
  let i = 0
  let j = 0

  while (i < rows || j < columns) {
    if (i < rows && j < columns && expected[i] === received[j]) {
      result.push({kind: " ", text: expected[i]})
      i++
      j++
    } else if (j >= columns || (i < rows && lengths[(i + 1) * width + j] >= lengths[i * width + j + 1])) {
      result.push({kind: "-", text: expected[i]})
      i++
    } else {
      result.push({kind: "+", text: received[j]})
      j++
    }
  }

  return result
}

// Long runs of unchanged lines are folded so the changes stay visible.
export function renderDiff(lines: DiffLine[], context = 3): string {
  const output: string[] = []
  let index = 0

  while (index < lines.length) {
    if (lines[index].kind !== " ") {
      output.push(`${lines[index].kind} ${lines[index].text}`)
      index++
      continue
    }

    let end = index

    while (end < lines.length && lines[end].kind === " ") end++

    const run = lines.slice(index, end)
    const keepBefore = index === 0 ? 0 : context
    const keepAfter = end === lines.length ? 0 : context

    if (run.length > keepBefore + keepAfter + 1) {
      output.push(...run.slice(0, keepBefore).map((line) => `  ${line.text}`))
      output.push("  ...")
      output.push(...run.slice(run.length - keepAfter).map((line) => `  ${line.text}`))
    } else {
      output.push(...run.map((line) => `  ${line.text}`))
    }

    index = end
  }

  return output.join("\n")
}
