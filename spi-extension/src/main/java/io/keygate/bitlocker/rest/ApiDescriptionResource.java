package io.keygate.bitlocker.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * {@code /realms/{realm}/devices/security/bitlocker/openapi.yaml}: the API's OpenAPI 3.1 description (SPEC §10),
 * shipped in this jar. No token, and answered whether or not the extension is enabled in the realm: it
 * describes the API and holds no data of the realm, and an operator imports it before enabling anything.
 */
public class ApiDescriptionResource {

    /** RFC 9512's media type for YAML. */
    public static final String MEDIA_TYPE = "application/yaml";

    static final String RESOURCE = "openapi.yaml";

    /** Read once: it changes only with the deployed jar. */
    private static final byte[] DOCUMENT = load();
    private static final EntityTag TAG = new EntityTag(sha256(DOCUMENT));

    /** Revalidated on every use ({@code no-cache}) so a client sees an upgrade at once; unchanged, that is a 304. */
    @GET
    public Response get(@Context Request request) {
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(TAG);
        Response.ResponseBuilder answer = unchanged != null ? unchanged : Response.ok(DOCUMENT, MEDIA_TYPE + "; charset=utf-8");
        return answer.tag(TAG).header("Cache-Control", "no-cache").build();
    }

    private static byte[] load() {
        try (InputStream in = ApiDescriptionResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the extension's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
