// A plain-text table: numeric columns right-aligned, the rest left-aligned.

export function printTable(header, lines, {rightAligned = []} = {}) {
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)))
  const format = (cells) => cells.map((cell, column) => rightAligned.includes(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])).join("  ").trimEnd()

  console.log(format(header))
  console.log(widths.map((width) => "-".repeat(width)).join("  "))
  for (const line of lines) console.log(format(line))
}
