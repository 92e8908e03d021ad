export function matchOnce(regExp: RegExp, text: string): boolean {
  // A /g or /y RegExp keeps lastIndex between calls, which would make repeated assertions flaky.
  if (!regExp.global && !regExp.sticky) return regExp.test(text)

  return new RegExp(regExp.source, regExp.flags.replace(/[gy]/g, "")).test(text)
}
