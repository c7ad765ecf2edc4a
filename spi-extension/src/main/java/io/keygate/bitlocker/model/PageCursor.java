package io.keygate.bitlocker.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Predicate;

import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;

/**
 * The opaque {@code after}/{@code next} cursor of keyset paging: the sort key of the last row
 * of a page. Deep pages cost the same as the first (an index seek, no offset).
 */
public record PageCursor(String first, String second) {

    private static final char SEPARATOR = '\u001f';
    /** What every list answers for an {@code after} it did not hand out. */
    public static final String NOT_OURS = "'after' is not a cursor returned by this API.";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((first + SEPARATOR + second).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the cursor, or {@code null} when the value is not one of ours */
    public static PageCursor decode(String value) {
        if (value == null || value.isEmpty() || value.length() > 2048) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int at = raw.indexOf(SEPARATOR);
            if (at < 0) {
                return null;
            }
            return new PageCursor(raw.substring(0, at), raw.substring(at + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The {@code after} query parameter: {@code null} when absent (the first page), else one of our cursors.
     *
     * @param plausible what the list's sort key must look like, so that a forged cursor never reaches a query
     */
    public static PageCursor after(String value, Predicate<PageCursor> plausible) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        PageCursor cursor = decode(value);
        if (cursor == null || !plausible.test(cursor)) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, NOT_OURS).exception();
        }
        return cursor;
    }
}
