import { useCallback, useState } from "react";

import type { Page } from "../../shared/types";

/** The list after a page arrived: the first page replaces it, a later one (`after` set) is appended. Pure. */
export function appendPage<T>(previous: T[] | undefined, page: Page<T>, after: string | null): T[] {
  return after ? [...(previous ?? []), ...page.items] : page.items;
}

/**
 * A list the API pages with an opaque cursor (`next`): the first page, then "Show more" appends.
 * `fetchPage` is memoised by the page with its current filters.
 */
export function usePages<T>(fetchPage: (after: string | null) => Promise<Page<T>>) {
  const [items, setItems] = useState<T[]>();
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  /** Runs work with the list's busy flag and error (a load, or another action of the same page). */
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);

  const load = useCallback(
    (after: string | null = null) =>
      run(async () => {
        const page = await fetchPage(after);
        setItems((previous) => appendPage(previous, page, after));
        setNext(page.next);
      }),
    [fetchPage, run],
  );

  return { items, next, error, busy, load, run };
}
