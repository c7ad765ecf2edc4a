import { useState } from "react";

import { Page } from "./model";

/**
 * A list the API pages with an opaque cursor (`next`): the first page, then "Show more" appends.
 * `fetchPage` is read at each load, so it may close over the page's current filters.
 */
export function usePages<T>(fetchPage: (after: string | null) => Promise<Page<T>>) {
  const [items, setItems] = useState<T[]>();
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  /** Runs work with the list's busy flag and error (a load, or another action of the same page). */
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const load = (after: string | null = null) =>
    run(async () => {
      const page = await fetchPage(after);
      setItems((previous) => (after ? [...(previous ?? []), ...page.items] : page.items));
      setNext(page.next);
    });

  return { items, next, error, busy, load, run };
}
