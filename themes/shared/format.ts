/** Dates, numbers and key IDs as both pages show them, in the page's language. Pure. */

/** A date and time in the locale's words ("6. Dez. 2026, 16:30"); "—" when absent, the raw text when unreadable. */
export function formatTime(iso: string | null | undefined, locale: string): string {
  if (!iso) {
    return "—";
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** A count with the locale's digit grouping (1,234 / 1.234 / 1 234). */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** The first group of a key ID, as BitLocker's recovery screen shows it. */
export function shortKeyId(keyId: string): string {
  return keyId.split("-")[0].slice(0, 8).toUpperCase();
}
