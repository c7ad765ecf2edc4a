import { beforeEach, describe, expect, it } from "vitest";

import { hasStrings, INTENT_MAX_AGE_MS, rememberIntent, takeIntent } from "./stepUp";

/** sessionStorage's contract, in memory. */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const isReveal = (value: unknown): value is { deviceId: string; keyId: string } => hasStrings(value, "deviceId", "keyId");

describe("the step-up intent", () => {
  let storage: MemoryStorage;
  const now = 1_000_000_000;
  beforeEach(() => {
    storage = new MemoryStorage();
  });

  it("comes back once after the sign-in", () => {
    rememberIntent("intent", { deviceId: "d", keyId: "k" }, storage, now);
    expect(takeIntent("intent", isReveal, storage, now + 5_000)).toEqual({ deviceId: "d", keyId: "k" });
    expect(takeIntent("intent", isReveal, storage, now + 6_000)).toBeUndefined();
  });

  it("expires: a stale intent is dropped, not carried out", () => {
    rememberIntent("intent", { deviceId: "d", keyId: "k" }, storage, now);
    expect(takeIntent("intent", isReveal, storage, now + INTENT_MAX_AGE_MS)).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it("drops an intent from the future, a malformed one and one of another shape", () => {
    rememberIntent("intent", { deviceId: "d", keyId: "k" }, storage, now);
    expect(takeIntent("intent", isReveal, storage, now - 1)).toBeUndefined();
    storage.setItem("intent", "{not json");
    expect(takeIntent("intent", isReveal, storage, now)).toBeUndefined();
    rememberIntent("intent", { deviceId: "d" }, storage, now);
    expect(takeIntent("intent", isReveal, storage, now)).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it("never holds more than it was given", () => {
    rememberIntent("intent", { deviceId: "d", keyId: "k" }, storage, now);
    expect(JSON.parse(storage.getItem("intent") ?? "")).toEqual({ intent: { deviceId: "d", keyId: "k" }, at: now });
  });
});
