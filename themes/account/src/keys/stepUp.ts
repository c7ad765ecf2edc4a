/**
 * What the page remembers across the step-up redirect: which key of which device the user wanted to
 * reveal, never the recovery password. Kept in sessionStorage (this tab only) and used once.
 */
const INTENT = "keygate.revealIntent";
/** An intent older than this is dropped (the user did not come back from the sign-in right away). */
const INTENT_MAX_AGE_MS = 10 * 60 * 1000;

export interface RevealIntent {
  deviceId: string;
  keyId: string;
}

export function rememberIntent(intent: RevealIntent): void {
  sessionStorage.setItem(INTENT, JSON.stringify({ deviceId: intent.deviceId, keyId: intent.keyId, at: Date.now() }));
}

/** The pending intent, removed as it is read so that a failed retry never loops through the sign-in. */
export function takeIntent(): RevealIntent | undefined {
  const raw = sessionStorage.getItem(INTENT);
  sessionStorage.removeItem(INTENT);
  if (!raw) {
    return undefined;
  }
  try {
    const { deviceId, keyId, at } = JSON.parse(raw);
    if (typeof deviceId === "string" && typeof keyId === "string" && Date.now() - Number(at) < INTENT_MAX_AGE_MS) {
      return { deviceId, keyId };
    }
  } catch {
    // ignore a malformed entry
  }
  return undefined;
}
