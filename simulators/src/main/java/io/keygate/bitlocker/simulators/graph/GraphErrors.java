package io.keygate.bitlocker.simulators.graph;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Microsoft Graph's error document:
 * {@code {"error":{"code":"…","message":"…","innerError":{"date":"…","request-id":"…","client-request-id":"…"}}}}.
 */
final class GraphErrors {

    private GraphErrors() {
    }

    /** The document; {@code clientRequestId} is echoed when the client sent one, else a new GUID. */
    static ObjectNode body(String code, String message, String clientRequestId) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        ObjectNode error = document.putObject("error").put("code", code).put("message", message);
        error.putObject("innerError")
                .put("date", LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString())
                .put("request-id", UUID.randomUUID().toString())
                .put("client-request-id", clientRequestId != null ? clientRequestId : UUID.randomUUID().toString());
        return document;
    }

    /** The document Graph sends with this status when something went wrong on its side (fault injection). */
    static ObjectNode forStatus(int status, String clientRequestId) {
        return switch (status) {
            case 400 -> body("BadRequest", "Bad request.", clientRequestId);
            case 401 -> body("InvalidAuthenticationToken", "Access token validation failure.", clientRequestId);
            case 403 -> body("Authorization_RequestDenied", "Insufficient privileges to complete the operation.",
                    clientRequestId);
            case 404 -> body("NotFound", "Item not found", clientRequestId);
            case 429 -> body("TooManyRequests", "Too many requests.", clientRequestId);
            case 502 -> body("badGateway", "The gateway could not reach the service.", clientRequestId);
            case 503 -> body("serviceNotAvailable", "The service is temporarily unavailable. Please retry later.",
                    clientRequestId);
            case 504 -> body("gatewayTimeout", "The service did not answer in time.", clientRequestId);
            default -> status >= 500
                    ? body("generalException", "General exception while processing.", clientRequestId)
                    : body("UnknownError", "Simulated failure (HTTP " + status + ").", clientRequestId);
        };
    }
}
