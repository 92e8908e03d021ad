/** A cookie the request carried; encrypted cookies hold their decrypted value. */
export default class Cookie {
  constructor(private readonly cookieName: string, private readonly cookieValue: string, private readonly encrypted = false) {}

  name(): string {
    return this.cookieName
  }

  value(): string {
    return this.cookieValue
  }

  isEncrypted(): boolean {
    return this.encrypted
  }

  toJSON(): {name: string, value: string, encrypted: boolean} {
    return {name: this.cookieName, value: this.cookieValue, encrypted: this.encrypted}
  }
}
