package io.keygate.bitlocker.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem detail with the product's {@code code} member: how every layer says no.
 * The REST layer turns it into a response in one place; the detail must never carry key material.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:bitlocker-keygate:problem:";

    private final ProblemCode code;
    private final String detail;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Problem(ProblemCode code, String detail) {
        this.code = code;
        this.detail = detail;
    }

    public static Problem of(ProblemCode code, String detail) {
        return new Problem(code, detail);
    }

    /** A response header the problem calls for ({@code WWW-Authenticate}, {@code Retry-After}). */
    public Problem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** An extension member of the document (RFC 9457 §3.2), e.g. a count the client can act on. */
    public Problem with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    public ProblemCode code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** The problem document. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + code.code());
        body.put("title", code.title());
        body.put("status", code.status());
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("code", code.code());
        body.putAll(extensions);
        return body;
    }

    public ProblemException exception() {
        return new ProblemException(this);
    }
}
