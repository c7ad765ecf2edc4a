package io.keygate.bitlocker.ticketing.http;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.keygate.bitlocker.ticketing.TicketingUnavailableException;

/** A 2xx or 404 answer, the only ones a provider interprets; every other status already failed closed. */
public record TicketingResponse(String system, int status, String body) {

    // Jackson's defaults, as the extension's Json.FOREIGN reads other systems' answers; this module sits
    // below the extension (and is what an operator's ticketing provider builds on), so it cannot use that one.
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean isNotFound() {
        return status == 404;
    }

    /** The body as JSON; an empty body is a missing node, anything unreadable means the answer cannot be trusted. */
    public JsonNode json() throws TicketingUnavailableException {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new TicketingUnavailableException(system + " answered HTTP " + status + " with an unparseable body");
        }
    }
}
