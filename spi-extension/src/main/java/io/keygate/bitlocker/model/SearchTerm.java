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

    /**
     * The least string greater than every string that starts with the prefix, or {@code null} when there is
     * no safe one: with the prefix itself as the lower bound, a range an index can seek even where the
     * database plans the LIKE without knowing the pattern (a prepared statement's generic plan). For key IDs
     * the next hex digit ({@code 9} → {@code a}), which sorts above in every collation; for names the next
     * character, which holds in binary (code point) order only.
     */
    public String upperBound() {
        char last = prefix.charAt(prefix.length() - 1);
        if (kind == Kind.KEY_ID) {
            return prefix.substring(0, prefix.length() - 1) + (last == '9' ? 'a' : (char) (last + 1));
        }
        if (last >= Character.MIN_SURROGATE) {
            return null;   // surrogates and U+E000 and above order differently in UTF-8 and UTF-16
        }
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    /** The prefix as a LIKE pattern with its wildcards escaped ({@code \} is the escape character). */
    public String likePattern() {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
