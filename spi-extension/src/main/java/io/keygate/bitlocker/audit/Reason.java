package io.keygate.bitlocker.audit;

import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;

/**
 * The reason a person gives — for a release, a release request and its decision, a rotation, a campaign and its
 * decision — as its audit entry records it: at most {@value #MAX_LENGTH} characters, else {@code 400 invalid_request}.
 */
public final class Reason {

    public static final int MAX_LENGTH = 1000;

    private Reason() {
    }

    /** {@code 400 invalid_request} when {@code reason} is longer than {@value #MAX_LENGTH} characters; it may be absent. */
    public static void requireWithinLimit(String reason) {
        if (reason != null && reason.length() > MAX_LENGTH) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "'reason' is limited to " + MAX_LENGTH + " characters.").exception();
        }
    }

    /** {@code reason} as recorded: stripped, or null when absent or blank; {@code 400} when too long. */
    public static String optional(String reason) {
        requireWithinLimit(reason);
        return reason == null || reason.isBlank() ? null : reason.strip();
    }

    /**
     * {@code reason} stripped; {@code 400 invalid_request} saying {@code missing} when it is absent, blank or shorter
     * than {@code min} characters, or when it is too long.
     */
    public static String required(String reason, int min, String missing) {
        if (reason == null || reason.isBlank() || reason.strip().length() < min) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, missing).exception();
        }
        requireWithinLimit(reason);
        return reason.strip();
    }
}
