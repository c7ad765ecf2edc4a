package io.keygate.bitlocker.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

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

    /**
     * A host to connect to: a DNS name (letters, digits and hyphens in dot-separated labels, the last not all
     * digits) or an IP literal (IPv4 dotted quad, IPv6 with or without brackets) — nothing else, so no path,
     * port, user or space rides along into a connection. Judged by the text alone (no DNS lookup).
     */
    public static void requireHost(String key, String value) throws ConfigValidationException {
        requireText(key, value);
        if (!isDnsName(value) && !isIpv4(value) && !isIpv6(value)) {
            throw new ConfigValidationException("'" + key + "' must be a DNS name or an IP address");
        }
    }

    /**
     * A plain (unencrypted) connection goes to a loopback address only: anything that crosses a network
     * uses TLS (SPEC §8).
     */
    public static void requireTlsOffLoopback(String key, String host, boolean tls) throws ConfigValidationException {
        if (!tls && !isLoopback(host)) {
            throw new ConfigValidationException("'" + key + "' must be true unless the host is a loopback address");
        }
    }

    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    static boolean isDnsName(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    static boolean isIpv4(String host) {
        return IPV4.matcher(host).matches();
    }

    /**
     * An IPv6 literal, with or without brackets. Parsed by the JDK in brackets, which never makes it look
     * the text up in DNS; only hex digits, colons and dots (an embedded IPv4 tail) get that far.
     */
    static boolean isIpv6(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.contains(":") || h.length() > 45 || !IPV6_CHARACTERS.matcher(h).matches()) {
            return false;
        }
        try {
            InetAddress.getByName("[" + h + "]");
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code localhost}, {@code 127.0.0.0/8} or {@code [::1]}, judged by the name alone (no DNS lookup). */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }
}
