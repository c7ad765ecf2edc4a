package io.keygate.bitlocker.rest;

import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;

import io.keygate.bitlocker.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Strict binding of request bodies ({@link Json#MAPPER}): unknown fields, wrong types, duplicate keys,
 * trailing data and bodies over 64 KiB (or the endpoint's own limit) are {@code 400 invalid_request}. The error never echoes field values.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** The body, or {@code empty} when there is none. */
    public static <T> T readOptional(byte[] body, Class<T> type, T empty) {
        return body == null || body.length == 0 ? empty : read(body, type);
    }

    public static <T> T read(byte[] body, Class<T> type) {
        return read(body, type, RequestBodies.MAX_BYTES);
    }

    public static <T> T read(byte[] body, Class<T> type, int maxBytes) {
        String json = RequestBodies.utf8(body, maxBytes);
        if (json.isBlank()) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "A JSON request body is required.").exception();
        }
        try {
            T value = Json.MAPPER.readValue(json, type);
            if (value == null) {
                throw Problem.of(ProblemCode.INVALID_REQUEST, "The request body must be a JSON object.").exception();
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "Unknown field '" + e.getPropertyName() + "'.").exception();
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "body" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw Problem.of(ProblemCode.INVALID_REQUEST, "Field '" + field + "' has the wrong type.").exception();
        } catch (JsonProcessingException e) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "The request body is not valid JSON.").exception();
        }
    }
}
