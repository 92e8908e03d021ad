import {testEvents} from "../testing/test-events.js"
import type {MailMessage} from "./message.js"

export type DeliveryHandler = (message: MailMessage) => unknown | Promise<unknown>

// On globalThis so a spec and the app code share one store even when loaded twice (build/ and a linked copy).
interface DeliveryState {
  deliveries: MailMessage[]
  handler: DeliveryHandler | undefined
  listening: boolean
}

const stateKey = Symbol.for("velocious.mailer.deliveries")
const globalStore = globalThis as unknown as Record<symbol, DeliveryState | undefined>
const state: DeliveryState = globalStore[stateKey] ||= {deliveries: [], handler: undefined, listening: false}

if (!state.listening) {
  state.listening = true
  // A test sees only the mails it sent.
  testEvents.on("testStarting", () => clearDeliveries())
}

/** The mails delivered in the test environment (in memory), oldest first. Cleared before each test. */
export function deliveries(): MailMessage[] {
  return [...state.deliveries]
}

export function clearDeliveries(): void {
  state.deliveries.length = 0
}

export function recordDelivery(message: MailMessage): void {
  state.deliveries.push(message)
}

/** Sends every mail through `handler` (your provider's API), ahead of a configured `mailerBackend`. Pass undefined to remove it. */
export function setDeliveryHandler(handler: DeliveryHandler | undefined): void {
  if (handler !== undefined && typeof handler !== "function") throw new TypeError("setDeliveryHandler() takes an async function ({to, subject, html, text, attachments}) => ..., or undefined to remove it")

  state.handler = handler
}

export function deliveryHandler(): DeliveryHandler | undefined {
  return state.handler
}
