package io.keygate.bitlocker.representation;

/** The body of a second person's {@code approve} or {@code reject} (a release request, SPEC §11; a campaign, SPEC §14). */
public record DecisionBody(String reason) {

    /** No body: an approval needs none. */
    public static final DecisionBody EMPTY = new DecisionBody(null);
}
