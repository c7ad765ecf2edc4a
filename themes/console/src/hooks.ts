import { useCallback, useEffect, useState } from "react";

import { ApiError } from "./api";
import { stepUp } from "./auth";
import { rememberIntent } from "../../shared/stepUp";

/**
 * Loads what a page shows, the way Keycloak's admin console does (`useFetch`): `load` (memoised by the
 * page with its inputs) runs on mount and whenever it changes, its result goes to `onLoaded` unless the
 * page went away meanwhile. Answers the loading state, the refusal if any, and `reload`.
 */
export function useFetch<T>(load: (signal: AbortSignal) => Promise<T>, onLoaded: (value: T) => void) {
  const [state, setState] = useState<{ loading: boolean; error?: unknown }>({ loading: true });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal)
      .then((value) => {
        if (!controller.signal.aborted) {
          onLoaded(value);
          setState({ loading: false });
        }
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ loading: false, error });
        }
      });
    return () => controller.abort();
  }, [load, onLoaded, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { loading: state.loading, error: state.error, reload };
}

/** Where a page's intent waits for the step-up sign-in (see shared/stepUp). */
export interface Intent {
  name: string;
  value: object;
}

/**
 * Runs what a page does (reveal, decide, rotate …) with one busy flag and one error. When the API asks
 * for a stronger or fresher sign-in (RFC 9470), the intent is remembered — never a key — and the user
 * signs in again at the level asked for, coming back to the same page; `run` then answers undefined.
 * `afterStepUp` marks the retry on coming back, which never leaves for a second sign-in.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const run = useCallback(async <T,>(work: () => Promise<T>, intent?: Intent, afterStepUp = false): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await work();
    } catch (e) {
      if (e instanceof ApiError && e.code === "insufficient_user_authentication" && !afterStepUp) {
        if (intent) {
          rememberIntent(intent.name, intent.value);
        }
        await stepUp(e.challenge?.acrValues, e.challenge?.maxAge);
        return undefined;
      }
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  return { busy, error, setError, run };
}
