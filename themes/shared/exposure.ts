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

/** Puts the password on the clipboard; false when the browser refuses (then it is copied by hand). */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
