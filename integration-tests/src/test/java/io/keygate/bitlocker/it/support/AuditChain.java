package io.keygate.bitlocker.it.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** A realm's audit log as its entry IDs in chain order, read through the API (which lists newest first). */
public final class AuditChain {

    private AuditChain() {
    }

    /** @param bitlockerApi the realm's {@code …/devices/security/bitlocker} on the server to ask */
    public static List<String> ids(String bitlockerApi, String auditorToken) {
        return new ArrayList<>(entries(bitlockerApi, auditorToken).stream().map(e -> e.path("id").asText()).toList());
    }

    /** The entries themselves, oldest first. */
    public static List<JsonNode> entries(String bitlockerApi, String auditorToken) {
        List<JsonNode> entries = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = Api.get(bitlockerApi + "/keys/audit?max=500" + (after == null ? "" : "&after=" + after))
                    .bearer(auditorToken).send().json();
            page.path("items").forEach(entries::add);
            after = page.path("next").isNull() ? null : page.path("next").asText(null);
        } while (after != null);
        Collections.reverse(entries);
        return entries;
    }
}
