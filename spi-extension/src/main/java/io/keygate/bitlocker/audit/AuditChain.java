package io.keygate.bitlocker.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
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
        Map<String, Object> m = new LinkedHashMap<>();
        for (AuditFields.Field f : AuditFields.CANONICAL) {
            Object value = f.value().apply(e);
            if (value != null || !f.hashedWhenPresent()) {
                m.put(f.name(), value);
            }
        }
        try {
            // Json.MAPPER writes as Jackson does by default (insertion order, nulls, plain numbers): a change
            // to how it writes would change every hash.
            return Json.MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
