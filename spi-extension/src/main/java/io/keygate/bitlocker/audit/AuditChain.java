package io.keygate.bitlocker.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.ChainHead;

/**
 * The tamper evidence of SPEC §5: {@code hash = SHA-256(prevHash ‖ canonical entry)}, where the
 * canonical entry is a JSON object of {@link AuditFields#CANONICAL} in their fixed order.
 */
public final class AuditChain {

    /** The {@code prevHash} of a realm's first entry. */
    public static final String GENESIS = ChainHead.GENESIS;

    private static final JsonStringEncoder ESCAPES = JsonStringEncoder.getInstance();

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
        // Jackson's own escaping of a JSON string, member by member into one builder: the text Json.MAPPER writes for a
        // map of these members in this order (insertion order, nulls, plain numbers), without a generator per entry.
        // A change to how it writes would change every hash (AuditChainTest holds the two together).
        StringBuilder json = new StringBuilder(1024).append('{');
        for (AuditFields.Field f : AuditFields.CANONICAL) {
            Object value = f.value().apply(e);
            if (value == null && f.hashedWhenPresent()) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(f.name()).append("\":");   // the names are plain ASCII
            if (value instanceof String text) {
                json.append('"');
                ESCAPES.quoteAsString(text, json);
                json.append('"');
            } else if (value == null || value instanceof Long || value instanceof Boolean) {
                json.append(value);
            } else {
                throw new IllegalStateException("no canonical form for a " + value.getClass().getSimpleName());
            }
        }
        return json.append('}').toString();
    }
}
