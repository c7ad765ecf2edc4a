package io.keygate.bitlocker.config;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;

/** The checks a value of the configuration document must pass; each failure names the offending key. */
public final class ConfigRules {

    private ConfigRules() {
    }

    public static void requireText(String key, String value) throws ConfigValidationException {
        if (value == null) {
            throw new ConfigValidationException("'" + key + "' must be a string");
        }
    }

    public static void requireOneOf(String key, String value, Set<String> allowed) throws ConfigValidationException {
        if (value == null || !allowed.contains(value)) {
            throw new ConfigValidationException("'" + key + "' must be one of " + new TreeSet<>(allowed));
        }
    }

    public static void requireRange(String key, int value, int min, int max) throws ConfigValidationException {
        if (value < min || value > max) {
            throw new ConfigValidationException("'" + key + "' must be between " + min + " and " + max);
        }
    }

    public static void requireUrl(String key, String value, boolean emptyAllowed) throws ConfigValidationException {
        requireText(key, value);
        if (value.isEmpty() && emptyAllowed) {
            return;
        }
        try {
            URI uri = URI.create(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigValidationException("'" + key + "' must be an http(s) URL");
        }
    }
}
