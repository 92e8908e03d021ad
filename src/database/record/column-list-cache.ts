/**
 * Values per list of column names (a create's columns), found by walking one map per name, so
 * a lookup builds no key string; what the list alone does not decide (dialect, table) is kept
 * with the value and compared by the caller.
 */
interface Node<Value> {
  children: Map<string, Node<Value>>
  value?: Value
}

export class ColumnListCache<Value> {
  private readonly root: Node<Value> = {children: new Map()}

  get(names: readonly string[]): Value | undefined {
    let node: Node<Value> | undefined = this.root

    for (let index = 0; index < names.length && node; index++) node = node.children.get(names[index])

    return node?.value
  }

  set(names: readonly string[], value: Value): void {
    let node = this.root

    for (const name of names) {
      let next = node.children.get(name)

      if (!next) {
        next = {children: new Map()}
        node.children.set(name, next)
      }

      node = next
    }

    node.value = value
  }
}
