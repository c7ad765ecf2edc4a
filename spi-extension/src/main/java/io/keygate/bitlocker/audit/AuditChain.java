package io.keygate.bitlocker.audit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keygate.bitlocker.json.Json;
import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.ChainHead;

/**
 * The tamper evidence of SPEC §5: {@code hash = SHA-256(prevHash ‖ canonical entry)}, where the
 * canonical entry is a JSON object of {@link AuditFields#CANONICAL} in their fixed order.
 */
public final class AuditChain {

    /** The {@code prevHash} of a realm's first entry. */
    public static final String GENESIS = ChainHead.GENESIS;

    private AuditChain() {
    }

    public static String hash(String prevHash, AuditEntry e) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            digest.update(canonical(e).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String canonical(AuditEntry e) {
        StringWriter out = new StringWriter(1024);
        // Written member by member with Json.MAPPER's own generator: the bytes Jackson writes for a map of these
        // members in this order (insertion order, nulls, plain numbers), without looking up a serializer per value.
        // A change to how it writes would change every hash.
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            json.writeStartObject();
            for (AuditFields.Field f : AuditFields.CANONICAL) {
                Object value = f.value().apply(e);
                if (value == null && f.hashedWhenPresent()) {
                    continue;
                }
                json.writeFieldName(f.name());
                // The member types of AuditFields, written as Jackson's serializers for them write them.
                if (value instanceof String text) {
                    json.writeString(text);
                } else if (value instanceof Long number) {
                    json.writeNumber(number);
                } else if (value instanceof Boolean flag) {
                    json.writeBoolean(flag);
                } else if (value == null) {
                    json.writeNull();
                } else {
                    json.writeObject(value);
                }
            }
            json.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }
}
