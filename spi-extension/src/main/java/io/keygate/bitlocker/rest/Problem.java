package io.keygate.bitlocker.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail with the product's {@code code} member. The one place where an
 * error response is built; the detail must never carry key material.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:bitlocker-keygate:problem:";

    private final ProblemCode code;
    private final String detail;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Problem(ProblemCode code, String detail) {
        this.code = code;
        this.detail = detail;
    }

    public static Problem of(ProblemCode code, String detail) {
        return new Problem(code, detail);
    }

    public Problem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ProblemCode code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + code.code());
        body.put("title", code.title());
        body.put("status", code.status());
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("code", code.code());
        return body;
    }

    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(code.status())
                .type(MEDIA_TYPE)
                .header("Cache-Control", "no-store")
                .entity(JsonResponses.write(body()));
        if (code == ProblemCode.AUTHENTICATION_REQUIRED && !headers.containsKey("WWW-Authenticate")) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        headers.forEach(builder::header);
        return builder.build();
    }

    public ProblemException exception() {
        return new ProblemException(this);
    }
}
