package io.keygate.bitlocker.model;

import java.util.Locale;
import java.util.regex.Pattern;

/** Device and key IDs are GUIDs: accepted in any case, with or without braces, stored lower-case. */
public final class Guid {

    private static final Pattern GUID = Pattern.compile(
            "^\\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})}?$");

    private Guid() {
    }

    /** @return the canonical lower-case form, or {@code null} when {@code value} is not a GUID */
    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        var m = GUID.matcher(value);
        if (!m.matches() || (value.startsWith("{") != value.endsWith("}"))) {
            return null;
        }
        return m.group(1).toLowerCase(Locale.ROOT);
    }
}
