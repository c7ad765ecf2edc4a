package io.keygate.bitlocker.audit;

import java.util.HashMap;
import java.util.Map;

import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.model.ReleaseRequest.TicketRef;

/**
 * Test fixture: an audit row as its stored columns (named as in {@link AuditFields}), each of which can
 * be set the way a database-level attacker could, read as the {@link AuditEntry} the store would return.
 */
public final class TestEntry {

    private final Map<String, Object> columns = new HashMap<>();

    public TestEntry set(String column, Object value) {
        columns.put(column, value);
        return this;
    }

    public Object get(String column) {
        return columns.get(column);
    }

    /** The entry; an absent ticket or approval is one whose columns are all empty, as the store reads it. */
    public AuditEntry entry() {
        TicketRef ticket = allNull("ticketSystem", "ticketKey", "ticketId", "ticketUrl", "ticketStatus", "ticketType")
                ? null : new TicketRef(s("ticketSystem"), s("ticketKey"), s("ticketId"), s("ticketUrl"),
                        s("ticketStatus"), s("ticketType"));
        AuditEntry.Approval approval = allNull("approvalRequestId", "approverUserId", "approverUsername") ? null
                : new AuditEntry.Approval(s("approvalRequestId"), s("approverUserId"), s("approverUsername"));
        return new AuditEntry(s("id"), s("realmId"), n("seq"), n("time"), e(AuditAction.class, "action"),
                e(AuditOutcome.class, "outcome"), s("code"),
                new AuditEntry.Actor(s("actorUserId"), s("actorUsername"), s("clientId"), s("ipAddress"), s("userAgent")),
                e(AuditSource.class, "source"), s("deviceId"), s("deviceName"), s("keyId"), ticket, s("reason"), s("acr"),
                approval, (Boolean) columns.get("keyPackage"), s("campaignId"), s("prevHash"), s("hash"));
    }

    private boolean allNull(String... names) {
        for (String name : names) {
            if (columns.get(name) != null) {
                return false;
            }
        }
        return true;
    }

    private String s(String name) {
        return (String) columns.get(name);
    }

    private long n(String name) {
        Object v = columns.get(name);
        return v == null ? 0 : ((Number) v).longValue();
    }

    private <E extends Enum<E>> E e(Class<E> type, String name) {
        String v = s(name);
        return v == null ? null : Enum.valueOf(type, v);
    }
}
