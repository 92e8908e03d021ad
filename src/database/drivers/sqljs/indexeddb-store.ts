import {DatabaseConnectionError} from "../base/errors.js"

const databaseName = "velocious"
const storeName = "sqlite-databases"

function request<Result>(pending: IDBRequest<Result>): Promise<Result> {
  return new Promise((resolve, reject) => {
    pending.onsuccess = () => resolve(pending.result)
    pending.onerror = () => reject(pending.error)
  })
}

/**
 * Keeps whole SQLite database images in IndexedDB (database "velocious", one entry per
 * configured `name`), so a browser app's data survives a reload.
 */
export default class IndexedDbStore {
  private opened: Promise<IDBDatabase> | undefined

  static isAvailable(): boolean {
    return typeof indexedDB !== "undefined"
  }

  async load(key: string): Promise<Uint8Array | undefined> {
    const db = await this.open()
    const value = await request(db.transaction(storeName, "readonly").objectStore(storeName).get(key)) as unknown

    return value instanceof Uint8Array ? value : value instanceof ArrayBuffer ? new Uint8Array(value) : undefined
  }

  async save(key: string, bytes: Uint8Array): Promise<void> {
    const db = await this.open()
    const transaction = db.transaction(storeName, "readwrite")

    transaction.objectStore(storeName).put(bytes, key)

    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve()
      transaction.onerror = () => reject(transaction.error)
      transaction.onabort = () => reject(transaction.error ?? new Error("The IndexedDB transaction was aborted (is the storage quota used up?)"))
    })
  }

  async delete(key: string): Promise<void> {
    const db = await this.open()

    await request(db.transaction(storeName, "readwrite").objectStore(storeName).delete(key))
  }

  close(): void {
    this.opened?.then((db) => db.close(), () => undefined)
    this.opened = undefined
  }

  private open(): Promise<IDBDatabase> {
    if (!this.opened) {
      const opening = indexedDB.open(databaseName, 1)

      opening.onupgradeneeded = () => opening.result.createObjectStore(storeName)
      this.opened = request(opening).catch((error: unknown) => {
        this.opened = undefined

        throw new DatabaseConnectionError(`Could not open IndexedDB to keep the SQLite database in: ${String(error)}. Private browsing can disable it; use name ":memory:" to run without keeping data`, {cause: error})
      })
    }

    return this.opened
  }
}
