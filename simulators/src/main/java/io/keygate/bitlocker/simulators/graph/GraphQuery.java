package io.keygate.bitlocker.simulators.graph;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OData query options of one Graph request ({@code $filter}, {@code $select}, {@code $top}, {@code $expand},
 * {@code $skiptoken}; the {@code $} is optional as in Graph, {@code +} or {@code %20} both mean a space), and the
 * {@code @odata.nextLink} that continues a page.
 */
final class GraphQuery {

    /** One {@code property eq 'value'} clause, the only filter shape the simulated endpoints support. */
    record Filter(String property, String value) {
    }

    private static final Pattern EQ = Pattern.compile("^\\s*(\\w+)\\s+eq\\s+'([^']*)'\\s*$", Pattern.CASE_INSENSITIVE);
    private static final String TOKEN_PREFIX = "keygate-graph-sim:";

    private final List<String> rawPairs = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();

    GraphQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            rawPairs.add(pair);
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            options.putIfAbsent(name.startsWith("$") ? name.substring(1) : name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
    }

    /** Whether the option (name without {@code $}, lower case) was sent. */
    boolean has(String option) {
        return options.containsKey(option);
    }

    String get(String option) {
        return options.get(option);
    }

    /** The {@code $filter} as one eq clause, or null without a filter; a filter of another shape is refused. */
    Filter filter() {
        String filter = options.get("filter");
        if (filter == null || filter.isBlank()) {
            return null;
        }
        Matcher matcher = EQ.matcher(filter);
        if (!matcher.matches()) {
            throw GraphException.badRequest("Invalid filter clause: the simulator supports property eq 'value' only.");
        }
        return new Filter(matcher.group(1), matcher.group(2));
    }

    /** The {@code $select} property names in lower case; empty when not sent. */
    Set<String> select() {
        return names(options.get("select"));
    }

    /** The {@code $top} page size, {@code defaultSize} when not sent; outside 1..max is refused. */
    int top(int defaultSize, int max) {
        String top = options.get("top");
        if (top == null) {
            return defaultSize;
        }
        try {
            int size = Integer.parseInt(top.trim());
            if (size >= 1 && size <= max) {
                return size;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw GraphException.badRequest("Invalid page size specified: '" + top + "'. Must be between 1 and " + max
                + " inclusive.");
    }

    /** The position a {@code $skiptoken} continues after, or 0 for the first page. */
    long after() {
        String token = options.get("skiptoken");
        if (token == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(TOKEN_PREFIX)) {
                return Long.parseLong(decoded.substring(TOKEN_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw GraphException.badRequest("The $skiptoken '" + token + "' is invalid.");
    }

    /** The same request's absolute URL with a {@code $skiptoken} continuing after {@code lastSeq}. */
    String nextLink(String baseUrl, String rawPath, long lastSeq) {
        StringBuilder link = new StringBuilder(baseUrl).append(rawPath).append('?');
        for (String pair : rawPairs) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (!name.equals("$skiptoken") && !name.equals("skiptoken")) {
                link.append(pair).append('&');
            }
        }
        String token = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + lastSeq).getBytes(StandardCharsets.UTF_8));
        return link.append("$skiptoken=").append(token).toString();
    }

    /** {@code a,b , c} as lower-case names. */
    static Set<String> names(String list) {
        Set<String> names = new LinkedHashSet<>();
        if (list != null) {
            for (String name : list.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
