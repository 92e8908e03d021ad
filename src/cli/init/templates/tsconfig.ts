/** tsconfig.json: type-checks the app (no emit: the CLI runs .ts files itself) against Velocious's own .d.ts files. */
export function tsconfigTemplate(): string {
  const tsconfig = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ["node"]
    },
    include: ["src", "spec"]
  }

  return `${JSON.stringify(tsconfig, null, 2)}\n`
}
