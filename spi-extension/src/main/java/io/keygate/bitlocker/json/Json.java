package io.keygate.bitlocker.json;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The extension's one Jackson set-up. Every package may use it; it uses none of them.
 *
 * <p>{@link #MAPPER} reads strictly, because what it binds comes from clients (request bodies, the
 * configuration document): an unknown key, a duplicate key, trailing data, a null for a primitive or a
 * value of another type (no coercion between strings, numbers and booleans, no float as an integer, no
 * single value as a list) is an error, never a guess. It writes every member, {@code null} ones too (the
 * API's shapes have explicit nulls, e.g. {@code "next":null}; Keycloak's own mapper drops them), in
 * Jackson's default order and number format: the audit chain's canonical JSON is written with it, and a
 * stored hash holds only while those bytes stay the same.
 *
 * Dates, should one be written, are ISO-8601 text. Shared by every caller: never reconfigure it.
 *
 * <p>{@link #FOREIGN} reads, as trees, documents that are not client input (Graph's answers, a checkpoint's
 * payload once its signature holds) as Jackson reads them by default: a repeated key keeps its last value
 * and data after the document is ignored. The code that walks the tree judges what the document means.
 * (The ticketing connector, a module below this one, reads its systems' answers with the same defaults.)
 */
public final class Json {

    public static final ObjectMapper MAPPER = strict();

    public static final ObjectReader FOREIGN = foreign();

    private Json() {
    }

    private static ObjectMapper strict() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer)) {
            var coercion = mapper.coercionConfigFor(type);
            for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean, CoercionInputShape.String)) {
                coercion.setCoercion(shape, CoercionAction.Fail);
            }
        }
        return mapper;
    }

    /** {@link #MAPPER} without the strict parsing; the parser's duplicate check is the factory's, so it takes a copy. */
    private static ObjectReader foreign() {
        ObjectMapper copy = MAPPER.copy();
        copy.getFactory().disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return copy.reader().without(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
