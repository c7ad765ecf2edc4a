/**
 * How long and when a revealed recovery password stays on screen, for both pages that show one (the
 * helpdesk console and the account theme's page). Framework-free: each page renders the password its
 * own way and keeps it only in its state.
 */

/** Seconds a revealed recovery password stays on screen. */
export const SHOW_SECONDS = 60;

/**
 * Counts down from {@link SHOW_SECONDS} (`onTick` gets the seconds left) and calls `onHide` when the time
 * is up or the tab is hidden. Answers the clean-up, for React's `useEffect`.
 */
export function watchExposure(onTick: (secondsLeft: number) => void, onHide: () => void): () => void {
  let left = SHOW_SECONDS;
  onTick(left);
  const timer = window.setInterval(() => {
    left -= 1;
    onTick(Math.max(left, 0));
    if (left <= 0) {
      onHide();
    }
  }, 1000);
  const onVisibility = () => {
    if (document.visibilityState === "hidden") {
      onHide();
    }
  };
  document.addEventListener("visibilitychange", onVisibility);
  return () => {
    window.clearInterval(timer);
    document.removeEventListener("visibilitychange", onVisibility);
  };
}

/**
 * What this page may have left on the clipboard: the SHA-256 of a shown password's digits (never the
 * password itself, which lives only in the page's state), until the clipboard is cleared.
 */
let onClipboard: string | undefined;
let clearOnFocus = false;

async function digestOfDigits(text: string): Promise<string> {
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text.replace(/\D/g, "")));
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Puts the password on the clipboard; false when the browser refuses (then it is copied by hand). */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    return false;
  }
  onClipboard = await digestOfDigits(text);
  return true;
}

/** True only where the page may read the clipboard without asking the user (a prompt on every hide would be worse). */
async function mayReadClipboard(): Promise<boolean> {
  try {
    const status = await navigator.permissions.query({ name: "clipboard-read" as PermissionName });
    return status.state === "granted";
  } catch {
    return false; // a browser that does not know the permission asks or refuses: not readable
  }
}

/**
 * Clears the clipboard if it still holds the password this page put there (SPEC §13); where the page may
 * not read the clipboard, clears it unconditionally. A hidden tab has no focus, and browsers refuse the
 * clipboard to a page without it: the clearing then happens as soon as the page has the focus again.
 */
async function clearClipboard(): Promise<void> {
  const copied = onClipboard;
  if (copied === undefined || !navigator.clipboard) {
    onClipboard = undefined;
    return;
  }
  try {
    if ((await mayReadClipboard()) && (await digestOfDigits(await navigator.clipboard.readText())) !== copied) {
      onClipboard = undefined; // the user has copied something else since: theirs to keep
      return;
    }
    await navigator.clipboard.writeText("");
    if (onClipboard === copied) {
      onClipboard = undefined;
    }
  } catch {
    if (document.hasFocus()) {
      onClipboard = undefined; // refused while focused: nothing more the page can do
    } else if (!clearOnFocus) {
      clearOnFocus = true;
      window.addEventListener(
        "focus",
        () => {
          clearOnFocus = false;
          void clearClipboard();
        },
        { once: true },
      );
    }
  }
}

/**
 * While a password is shown: notes a copy of it by hand (selected and copied with the keyboard or the
 * context menu). Answers the clean-up, for React's `useEffect`, which runs when the password is hidden
 * by any way (time, tab hidden, "Hide now", leaving the page) and clears the clipboard.
 */
export function guardClipboard(password: string): () => void {
  const digits = password.replace(/\D/g, "");
  const onCopy = () => {
    const selected = (document.getSelection()?.toString() ?? "").replace(/\D/g, "");
    if (digits.length > 0 && selected.includes(digits)) {
      void digestOfDigits(password).then((digest) => (onClipboard = digest));
    }
  };
  document.addEventListener("copy", onCopy);
  return () => {
    document.removeEventListener("copy", onCopy);
    void clearClipboard();
  };
}
