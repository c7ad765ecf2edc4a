package io.keygate.bitlocker.it.support;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keycloak's management endpoint in Prometheus text format, read one meter at a time. */
public final class ServerMetrics {

    public static final String URL = "http://localhost:9000/metrics";

    private final String text;

    private ServerMetrics(String text) {
        this.text = text;
    }

    public static ServerMetrics scrape() {
        Api.Reply reply = Api.get(URL).send();
        if (reply.status() != 200) {
            throw new AssertionError("metrics endpoint: " + reply);
        }
        return new ServerMetrics(reply.body());
    }

    public String text() {
        return text;
    }

    /** The names of the samples exported ({@code _total}, {@code _count}, {@code _sum}, {@code _max} included). */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The sum of every series of {@code name} whose labels contain all of {@code labels} ({@code key="value"}). */
    public double value(String name, String... labels) {
        double total = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)})? ([0-9.eE+-]+)$").matcher(text);
        while (m.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= m.group(1) != null && m.group(1).contains(label);
            }
            if (all) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    /** How much a meter grew since {@code before}. */
    public double since(ServerMetrics before, String name, String... labels) {
        return value(name, labels) - before.value(name, labels);
    }
}
