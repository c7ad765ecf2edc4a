package io.keygate.bitlocker.rest;

import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Strict binding of request bodies: unknown fields, wrong types, duplicate keys, trailing data
 * and bodies over 64 KiB are {@code 400 invalid_request}. The error never echoes field values.
 */
public final class JsonBodies {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer}) {
            var coercion = STRICT.coercionConfigFor(type);
            for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.String}) {
                coercion.setCoercion(shape, CoercionAction.Fail);
            }
        }
    }

    private JsonBodies() {
    }

    /** The body, or {@code empty} when there is none. */
    public static <T> T readOptional(byte[] body, Class<T> type, T empty) {
        return body == null || body.length == 0 ? empty : read(body, type);
    }

    public static <T> T read(byte[] body, Class<T> type) {
        String json = RequestBodies.utf8(body);
        if (json.isBlank()) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "A JSON request body is required.").exception();
        }
        try {
            T value = STRICT.readValue(json, type);
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
