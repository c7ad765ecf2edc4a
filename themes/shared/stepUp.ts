/**
 * What a page remembers across the step-up redirect (RFC 9470): what the user was doing — which key
 * to reveal, which decision to send — never a recovery password. Kept in sessionStorage (this tab
 * only), taken once, and dropped when stale, so that a failed retry never loops through the sign-in
 * and an old intent is not carried out long after the user left.
 */

/** An intent older than this is dropped (the user did not come back from the sign-in right away). */
export const INTENT_MAX_AGE_MS = 10 * 60 * 1000;

/** Where each page keeps its intent. */
export const INTENTS = {
  accountReveal: "keygate.revealIntent",
  consoleReveal: "keygate.pendingReveal",
  consoleDecision: "keygate.pendingDecision",
  consoleCampaignCreate: "keygate.pendingCampaign",
  consoleCampaignDecision: "keygate.pendingCampaignDecision",
  consoleCampaignReveal: "keygate.pendingCampaignReveal",
} as const;

export function rememberIntent(name: string, intent: object, storage: Storage = sessionStorage, now = Date.now()): void {
  storage.setItem(name, JSON.stringify({ intent, at: now }));
}

/**
 * The pending intent, removed as it is read; undefined when there is none, it is older than
 * {@link INTENT_MAX_AGE_MS}, malformed, or not what `accept` expects.
 */
export function takeIntent<T>(
  name: string,
  accept: (value: unknown) => value is T,
  storage: Storage = sessionStorage,
  now = Date.now(),
): T | undefined {
  const raw = storage.getItem(name);
  storage.removeItem(name);
  if (!raw) {
    return undefined;
  }
  try {
    const { intent, at } = JSON.parse(raw) as { intent?: unknown; at?: unknown };
    const age = now - Number(at);
    if (typeof at === "number" && age >= 0 && age < INTENT_MAX_AGE_MS && accept(intent)) {
      return intent;
    }
  } catch {
    // a malformed entry is dropped like a stale one
  }
  return undefined;
}

/** True when `value` is an object whose named fields are all strings (the usual shape check for an intent). */
export function hasStrings(value: unknown, ...fields: string[]): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    fields.every((field) => typeof (value as Record<string, unknown>)[field] === "string")
  );
}
