package io.keygate.bitlocker.simulators.graph;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.bitlocker.simulators.RecordedRequest;

/**
 * One authenticated Graph call as the handlers see it: the request, its API version ({@code v1.0} or
 * {@code beta}), the decoded path segments after the version, the query options and the caller's permissions.
 */
record GraphCall(RecordedRequest request, String version, List<String> segments, GraphQuery query,
        Set<String> permissions, String baseUrl, int pageSize) {

    /** The caller needs at least one of these permissions, else 403 Authorization_RequestDenied. */
    void requireAny(String... anyOf) {
        for (String permission : anyOf) {
            if (permissions.contains(permission)) {
                return;
            }
        }
        throw GraphException.forbidden();
    }

    boolean segmentIs(int index, String name) {
        return segments.size() > index && segments.get(index).equalsIgnoreCase(name);
    }

    boolean isBeta() {
        return "beta".equals(version);
    }

    void requireMethod(String method) {
        if (!method.equals(request.method())) {
            throw new GraphException(405, "BadRequest", "Specified HTTP method is not allowed for the request uri.");
        }
    }

    /** An {@code @odata.context} URL for this fragment, e.g. {@code devices}. */
    String context(String fragment) {
        return baseUrl + "/" + version + "/$metadata#" + fragment;
    }

    /**
     * A page of a collection: up to {@code size} candidates (in insertion order, after the {@code $skiptoken}) that
     * match, rendered, with {@code @odata.nextLink} when more match.
     */
    <T> ObjectNode page(String contextFragment, LongFunction<Iterable<T>> candidatesAfter, ToLongFunction<T> seq,
            Predicate<T> filter, int size, Function<T, ObjectNode> render) {
        long after = query.after();
        Iterable<T> candidates = candidatesAfter.apply(after);
        ObjectNode page = JsonNodeFactory.instance.objectNode().put("@odata.context", context(contextFragment));
        ArrayNode value = JsonNodeFactory.instance.arrayNode();
        long last = after;
        Iterator<T> iterator = candidates.iterator();
        while (iterator.hasNext()) {
            T candidate = iterator.next();
            if (seq.applyAsLong(candidate) <= after || !filter.test(candidate)) {
                continue;
            }
            if (value.size() == size) {
                page.put("@odata.nextLink", query.nextLink(baseUrl, request.path(), last));
                break;
            }
            value.add(render.apply(candidate));
            last = seq.applyAsLong(candidate);
        }
        page.set("value", value);
        return page;
    }

    /** Keeps only the selected properties (all when nothing was selected); {@code keep} always stays. */
    static ObjectNode selected(ObjectNode item, Set<String> select, String... keep) {
        if (select.isEmpty()) {
            return item;
        }
        Set<String> kept = Set.of(keep);
        List<String> retained = new ArrayList<>();
        item.fieldNames().forEachRemaining(name -> {
            if (kept.contains(name) || select.contains(name.toLowerCase(Locale.ROOT))) {
                retained.add(name);
            }
        });
        item.retain(retained);
        return item;
    }
}
