package io.keygate.bitlocker.simulators;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One request as it arrived, before any fault or authentication check: so a test can prove what
 * was (or was not) sent.
 *
 * @param method  HTTP method
 * @param path    the raw (still percent-encoded) path
 * @param query   the raw query string, or empty
 * @param headers header names in lower case, with all their values
 * @param body    the body as UTF-8 text, or empty
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
        String body) {

    /** A BitLocker recovery password: eight groups of six digits. */
    public static final Pattern RECOVERY_PASSWORD = Pattern.compile("\\d{6}(-\\d{6}){7}");

    public RecordedRequest {
        query = query == null ? "" : query;
        body = body == null ? "" : body;
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Decoded query parameters; the first value wins, as the systems simulated here read them. */
    public Map<String, String> queryParameters() {
        return formParameters(query);
    }

    /** Decodes {@code a=b&c=d} (a query string or a form body). */
    public static Map<String, String> formParameters(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    /** Whether anything sent (path, query, headers, body; raw or percent-decoded) holds a recovery password. */
    public boolean containsRecoveryPassword() {
        StringBuilder everything = new StringBuilder(method).append(' ').append(path).append('?').append(query)
                .append('\n');
        headers.forEach((name, values) -> everything.append(name).append(": ").append(values).append('\n'));
        everything.append(body);
        String raw = everything.toString();
        return RECOVERY_PASSWORD.matcher(raw).find() || RECOVERY_PASSWORD.matcher(decode(raw)).find();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // malformed escapes are kept as sent
        }
    }
}
