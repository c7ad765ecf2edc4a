import { useCallback, useEffect, useState } from "react";

import { ApiError } from "./api";
import { stepUp } from "./auth";
import { rememberIntent, takeIntent } from "../../shared/stepUp";

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

/**
 * An action behind step-up as one piece (a campaign's creation, decision, reveal): `act(value)` runs
 * `work(value)` through {@link useAction}; when a fresh sign-in is asked for, `value` waits under `name`
 * and is carried out once on coming back, if `accept` takes it (a page accepts only its own). `done` gets
 * each answer. `resumed` is the value brought back, for the page's form to start from; `run` does the
 * page's other work with the same busy flag and error.
 */
export function useStepUpAction<V extends object, T>(
  name: string,
  accept: (value: unknown) => value is V,
  work: (value: V) => Promise<T>,
  done: (answer: T, value: V) => void,
) {
  const { busy, error, setError, run } = useAction();
  const [resumed] = useState(() => takeIntent(name, accept));
  const [pending, setPending] = useState(resumed);

  const act = useCallback(
    async (value: V, afterStepUp = false) => {
      // Boxed: an answer without a body (204) is a success too.
      const answer = await run(async () => ({ body: await work(value) }), { name, value }, afterStepUp);
      if (answer) {
        done(answer.body, value);
      }
    },
    [run, name, work, done],
  );

  useEffect(() => {
    if (pending) {
      // Once: a later change of `act` must not send it again.
      setPending(undefined);
      void act(pending, true);
    }
  }, [pending, act]);

  return { busy, error, setError, run, act, resumed };
}
