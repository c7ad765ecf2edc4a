package io.keygate.bitlocker.audit;

import java.util.List;
import java.util.function.Function;

import io.keygate.bitlocker.model.AuditEntryModel;
import io.keygate.bitlocker.representation.Converters;

/**
 * The one list of an audit entry's fields, in their fixed order. The chain's canonical form and the
 * CSV export both read it, so a field added here reaches both (and changes no existing hash only if
 * it is added to the CSV alone).
 */
public final class AuditFields {

    /**
     * A field: its name and how to read it from an entry. A field added after chains were written is
     * {@code hashedWhenPresent}: the canonical form carries it only when it has a value, so every
     * earlier entry keeps its hash.
     */
    public record Field(String name, Function<AuditEntryModel, Object> value, boolean hashedWhenPresent) {
        Field(String name, Function<AuditEntryModel, Object> value) {
            this(name, value, false);
        }
    }

    /** Every field, in order. */
    public static final List<Field> ALL = List.of(
            new Field("id", AuditEntryModel::getId),
            new Field("realmId", AuditEntryModel::getRealmId),
            new Field("seq", AuditEntryModel::getSeq),
            new Field("time", e -> Converters.iso(e.getTime())),
            new Field("action", AuditEntryModel::getAction),
            new Field("outcome", AuditEntryModel::getOutcome),
            new Field("code", AuditEntryModel::getCode),
            new Field("actorUserId", AuditEntryModel::getActorUserId),
            new Field("actorUsername", AuditEntryModel::getActorUsername),
            new Field("clientId", AuditEntryModel::getClientId),
            new Field("source", AuditEntryModel::getSource),
            new Field("ipAddress", AuditEntryModel::getIpAddress),
            new Field("userAgent", AuditEntryModel::getUserAgent),
            new Field("deviceId", AuditEntryModel::getDeviceId),
            new Field("deviceName", AuditEntryModel::getDeviceName),
            new Field("keyId", AuditEntryModel::getKeyId),
            new Field("ticketSystem", AuditEntryModel::getTicketSystem),
            new Field("ticketKey", AuditEntryModel::getTicketKey),
            new Field("ticketUrl", AuditEntryModel::getTicketUrl),
            new Field("ticketStatus", AuditEntryModel::getTicketStatus),
            new Field("ticketType", AuditEntryModel::getTicketType),
            new Field("reason", AuditEntryModel::getReason),
            new Field("acr", AuditEntryModel::getAcr),
            new Field("ticketId", AuditEntryModel::getTicketId, true),
            new Field("approvalRequestId", AuditEntryModel::getApprovalRequestId, true),
            new Field("approverUserId", AuditEntryModel::getApproverUserId, true),
            new Field("approverUsername", AuditEntryModel::getApproverUsername, true),
            new Field("prevHash", AuditEntryModel::getPrevHash),
            new Field("hash", AuditEntryModel::getHash));

    /** What the hash covers: every field but the hashes themselves. */
    public static final List<Field> CANONICAL = without("prevHash", "hash");

    /** What an auditor's spreadsheet shows: SPEC §5's fields, without the realm and the chain position. */
    public static final List<Field> CSV = without("realmId", "seq", "ticketId");

    private AuditFields() {
    }

    private static List<Field> without(String... names) {
        List<String> excluded = List.of(names);
        return ALL.stream().filter(f -> !excluded.contains(f.name())).toList();
    }
}
