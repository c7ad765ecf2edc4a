package io.keygate.bitlocker.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code search} parameter of {@code GET /keys}: 8+ hex digits (dashes optional) search key
 * IDs by prefix, the way a helpdesk types the ID from the recovery screen; anything else is a
 * case-insensitive device-name prefix.
 */
public record SearchTerm(Kind kind, String prefix) {

    public enum Kind { KEY_ID, DEVICE_NAME }

    private static final Pattern KEY_ID_PREFIX = Pattern.compile("^[0-9a-fA-F-]+$");

    public static SearchTerm parse(String search) {
        if (search == null || search.isBlank()) {
            return null;
        }
        String trimmed = search.trim();
        String hex = trimmed.replace("-", "");
        if (KEY_ID_PREFIX.matcher(trimmed).matches() && hex.length() >= 8 && hex.length() <= 32) {
            return new SearchTerm(Kind.KEY_ID, hex.toLowerCase(Locale.ROOT));
        }
        return new SearchTerm(Kind.DEVICE_NAME, trimmed.toLowerCase(Locale.ROOT));
    }

    /** The prefix as a LIKE pattern with its wildcards escaped ({@code \} is the escape character). */
    public String likePattern() {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
