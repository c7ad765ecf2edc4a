package io.keygate.bitlocker.rest;

import java.io.IOException;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.json.Json;

/**
 * Serialises the API's JSON. The product's shapes have members that are explicitly {@code null}
 * (e.g. {@code "next":null}, {@code "ticket":null}); Keycloak's own mapper drops nulls, so the
 * API writes its documents itself, with {@link Json#MAPPER}.
 */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static String write(Object document) {
        try {
            return Json.MAPPER.writeValueAsString(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Response ok(Object document) {
        return status(200, document);
    }

    public static Response status(int status, Object document) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(write(document)).build();
    }

    /** For responses that carry key material: never cached by browsers or proxies. */
    public static Response noStore(Object document) {
        return Response.ok(write(document), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
                .header("Pragma", "no-cache").build();
    }
}
