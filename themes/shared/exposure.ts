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

/** The part of the browser's clipboard the pages use (navigator.clipboard; a stand-in in unit tests). */
export type ClipboardAccess = Pick<Clipboard, "readText" | "writeText">;

/** Puts the password on the clipboard; false when the browser refuses (then it is copied by hand). */
export async function copyToClipboard(text: string, clipboard: ClipboardAccess = navigator.clipboard): Promise<boolean> {
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * When the password is hidden (timer, tab hidden, "Hide") after it was copied: empties the clipboard
 * if it still holds that password, and leaves anything the user copied since alone. Where the page
 * may not read the clipboard (the browser refuses, or asks and is denied) it empties it unconditionally
 * (SPEC §13). Never throws: a browser that refuses writing too has nothing of ours to clear reliably.
 */
export async function clearClipboard(copied: string, clipboard: ClipboardAccess = navigator.clipboard): Promise<boolean> {
  let holds: boolean;
  try {
    holds = (await clipboard.readText()) === copied;
  } catch {
    holds = true;
  }
  if (!holds) {
    return true;
  }
  try {
    await clipboard.writeText("");
    return true;
  } catch {
    return false;
  }
}

/**
 * {@link clearClipboard} now, or, where the browser refuses it because the page is not focused (the
 * tab was just hidden), as soon as the page has the focus again.
 */
export function clearClipboardSoon(copied: string): void {
  void clearClipboard(copied).then((done) => {
    if (!done) {
      window.addEventListener("focus", () => void clearClipboard(copied), { once: true });
    }
  });
}
