package io.keygate.bitlocker.audit;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.AuditEntry.Approval;
import io.keygate.bitlocker.model.ReleaseRequest.TicketRef;

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
    public record Field(String name, Function<AuditEntry, Object> value, boolean hashedWhenPresent) {
        Field(String name, Function<AuditEntry, Object> value) {
            this(name, value, false);
        }
    }

    /** Every field, in order. */
    public static final List<Field> ALL = List.of(
            new Field("id", AuditEntry::id),
            new Field("realmId", AuditEntry::realmId),
            new Field("seq", AuditEntry::seq),
            new Field("time", e -> Instant.ofEpochMilli(e.time()).toString()),
            new Field("action", e -> name(e.action())),
            new Field("outcome", e -> name(e.outcome())),
            new Field("code", AuditEntry::code),
            new Field("actorUserId", e -> e.actor().userId()),
            new Field("actorUsername", e -> e.actor().username()),
            new Field("clientId", e -> e.actor().clientId()),
            new Field("source", e -> name(e.source())),
            new Field("ipAddress", e -> e.actor().ipAddress()),
            new Field("userAgent", e -> e.actor().userAgent()),
            new Field("deviceId", AuditEntry::deviceId),
            new Field("deviceName", AuditEntry::deviceName),
            new Field("keyId", AuditEntry::keyId),
            new Field("ticketSystem", e -> ticket(e, TicketRef::system)),
            new Field("ticketKey", e -> ticket(e, TicketRef::key)),
            new Field("ticketUrl", e -> ticket(e, TicketRef::url)),
            new Field("ticketStatus", e -> ticket(e, TicketRef::status)),
            new Field("ticketType", e -> ticket(e, TicketRef::type)),
            new Field("reason", AuditEntry::reason),
            new Field("acr", AuditEntry::acr),
            new Field("ticketId", e -> ticket(e, TicketRef::id), true),
            new Field("approvalRequestId", e -> approval(e, Approval::requestId), true),
            new Field("approverUserId", e -> approval(e, Approval::approverUserId), true),
            new Field("approverUsername", e -> approval(e, Approval::approverUsername), true),
            new Field("keyPackage", AuditEntry::keyPackage, true),
            new Field("campaignId", AuditEntry::campaignId, true),
            new Field("prevHash", AuditEntry::prevHash),
            new Field("hash", AuditEntry::hash));

    /** What the hash covers: every field but the hashes themselves. */
    public static final List<Field> CANONICAL = without("prevHash", "hash");

    /** What an auditor's spreadsheet shows: SPEC §5's fields, without the realm and the chain position. */
    public static final List<Field> CSV = without("realmId", "seq", "ticketId");

    private AuditFields() {
    }

    // The stored (flat) columns: an absent ticket or approval reads as nulls, as it was always stored.
    private static String ticket(AuditEntry e, Function<TicketRef, String> member) {
        return e.ticket() == null ? null : member.apply(e.ticket());
    }

    private static String approval(AuditEntry e, Function<Approval, String> member) {
        return e.approval() == null ? null : member.apply(e.approval());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static List<Field> without(String... names) {
        List<String> excluded = List.of(names);
        return ALL.stream().filter(f -> !excluded.contains(f.name())).toList();
    }
}
