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

    /**
     * An outgoing URL: {@code https}, or plain {@code http} to a loopback address only (a simulator on
     * the same machine, as in tests and the demo) — credentials never cross a network in the clear.
     */
    public static void requireUrl(String key, String value, boolean emptyAllowed) throws ConfigValidationException {
        requireText(key, value);
        if (value.isEmpty() && emptyAllowed) {
            return;
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigValidationException("'" + key + "' must be an https URL");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && isLoopback(uri.getHost()))) {
            throw new ConfigValidationException("'" + key + "' must be an https URL (http only to a loopback address)");
        }
    }

    /** {@code localhost}, {@code 127.0.0.0/8} or {@code [::1]}, judged by the name alone (no DNS lookup). */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }
}
