package io.keygate.bitlocker.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keygate.bitlocker.jpa.AuditEntryEntity;

/**
 * The tamper evidence of SPEC §5: {@code hash = SHA-256(prevHash ‖ canonical entry)}, where the
 * canonical entry is a JSON object with a fixed member order that includes the chain position.
 */
public final class AuditChain {

    /** The {@code prevHash} of a realm's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditChain() {
    }

    public static String hash(String prevHash, AuditEntryEntity e) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            digest.update(canonical(e).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String canonical(AuditEntryEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.getId());
        m.put("realmId", e.getRealmId());
        m.put("seq", e.getSeq());
        m.put("time", Instant.ofEpochMilli(e.getTime()).toString());
        m.put("action", e.getAction());
        m.put("outcome", e.getOutcome());
        m.put("code", e.getCode());
        m.put("actorUserId", e.getActorUserId());
        m.put("actorUsername", e.getActorUsername());
        m.put("clientId", e.getClientId());
        m.put("source", e.getSource());
        m.put("ipAddress", e.getIpAddress());
        m.put("userAgent", e.getUserAgent());
        m.put("deviceId", e.getDeviceId());
        m.put("deviceName", e.getDeviceName());
        m.put("keyId", e.getKeyId());
        m.put("ticketSystem", e.getTicketSystem());
        m.put("ticketKey", e.getTicketKey());
        m.put("ticketUrl", e.getTicketUrl());
        m.put("ticketStatus", e.getTicketStatus());
        m.put("ticketType", e.getTicketType());
        m.put("reason", e.getReason());
        m.put("acr", e.getAcr());
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
