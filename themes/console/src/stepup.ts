import { ApiError } from "./api";
import { stepUp } from "./auth";

/**
 * Runs a call that may need a stronger or fresher sign-in: on the RFC 9470 challenge the user signs
 * in again at the level asked for and comes back to the same page (`remember` keeps what the page
 * needs to carry on — never a key). Answers `undefined` when it left for the sign-in.
 */
export async function withStepUp<T>(call: () => Promise<T>, remember?: () => void): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof ApiError && e.code === "insufficient_user_authentication") {
      remember?.();
      await stepUp(e.challenge?.acrValues, e.challenge?.maxAge);
      return undefined;
    }
    throw e;
  }
}
