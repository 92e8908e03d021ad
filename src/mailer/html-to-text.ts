const entities: Record<string, string> = {amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", apos: "'", nbsp: " "}

/**
 * The plain-text part sent beside the HTML: clients without HTML (and spam filters) read it.
 * Block elements become line breaks, links keep their address, tags and scripts are dropped.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<a\s[^>]*href\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a>/gi, (_match, href: string, label: string) => {
      const inner = label.replace(/<[^>]+>/g, "").trim()

      return inner && inner !== href ? `${inner} (${href})` : href
    })
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<li[^>]*>/gi, "\n- ")
    .replace(/<\/(p|div|h[1-6]|li|ul|ol|tr|table|blockquote|pre)>/gi, "\n")
    .replace(/<(p|div|h[1-6]|ul|ol|tr|table|blockquote|pre)[^>]*>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (match, name: string) => {
      const lower = name.toLowerCase()

      if (lower in entities) return entities[lower]
      if (lower.startsWith("#x")) return String.fromCodePoint(parseInt(lower.slice(2), 16))
      if (lower.startsWith("#")) return String.fromCodePoint(parseInt(lower.slice(1), 10))

      return match
    })

  return text
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()
}
