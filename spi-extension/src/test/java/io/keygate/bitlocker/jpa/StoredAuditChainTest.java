package io.keygate.bitlocker.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.keygate.bitlocker.audit.AuditChain;
import io.keygate.bitlocker.jpa.entity.AuditEntryEntity;
import io.keygate.bitlocker.model.AuditEntry;
import org.junit.jupiter.api.Test;

/**
 * A chain as written to {@code BLK_AUDIT_ENTRY} before the audit entry became one record: its hashes
 * were computed by the code of that time (the entry as a bean interface, filled field by field). Read
 * back through {@link JpaAuditStoreProvider#toModel}, every stored hash must still be recomputed
 * exactly, or every existing realm's chain would stop verifying.
 */
class StoredAuditChainTest {

    private static final String REALM = "6f1c0d5e-realm";
    private static final String DEVICE = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String KEY = "1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d";

    /** Written in this order; each row's prevHash is the one before's hash. */
    private static List<AuditEntryEntity> writtenBeforeTheRecord() {
        List<AuditEntryEntity> rows = new ArrayList<>();

        AuditEntryEntity configChanged = row(1, 1_790_000_000_000L, "CONFIG_CHANGED", "SUCCESS", "ADMIN",
                "d9f872867ce0cab90227279483bf52acf9816f9db705e3a756ed8cd0f560d30d");
        configChanged.setActorUserId("admin-1");
        configChanged.setActorUsername("alice.admin");
        configChanged.setClientId("security-admin-console");
        configChanged.setIpAddress("192.0.2.10");
        configChanged.setUserAgent("Mozilla/5.0");
        configChanged.setReason("enabled the realm");
        rows.add(configChanged);

        // A ticket without its canonical identity (written before identities were recorded), and text to escape.
        AuditEntryEntity revealed = row(2, 1_790_000_060_500L, "KEY_REVEALED", "SUCCESS", "HELPDESK",
                "166f557d3d3a46767c0fc16231181124e41657343e97341ea804ab9e6291422b");
        revealed.setActorUserId("user-1");
        revealed.setActorUsername("helpdesk.hank");
        revealed.setClientId("bitlocker-console");
        revealed.setIpAddress("10.0.0.7");
        revealed.setUserAgent("Mozilla/5.0 (Windows NT 10.0)");
        revealed.setDeviceId(DEVICE);
        revealed.setDeviceName("LAPTOP-042");
        revealed.setKeyId(KEY);
        revealed.setTicketSystem("jira");
        revealed.setTicketKey("IT-123");
        revealed.setTicketUrl("https://acme.atlassian.net/browse/IT-123");
        revealed.setTicketStatus("In Progress");
        revealed.setTicketType("Incident");
        revealed.setReason("locked out after BIOS update \u00e9\u00fc\"quoted\"");
        revealed.setAcr("2");
        rows.add(revealed);

        AuditEntryEntity denied = row(3, 1_790_000_120_999L, "KEY_REVEAL_DENIED", "DENIED", "SELF_SERVICE",
                "9bf9b335b07151b11fd938e9accee487ea3845b9498a41f27a86978218e63777");
        denied.setCode("step_up_required");
        denied.setActorUserId("user-2");
        denied.setActorUsername("olivia");
        denied.setClientId("account-console");
        denied.setDeviceId(DEVICE);
        rows.add(denied);

        // Every field hashed only when present: ticket identity and approval.
        AuditEntryEntity approved = row(4, 1_790_000_180_000L, "KEY_REVEALED", "SUCCESS", "HELPDESK",
                "a2a9c54284c602d2d548cebbfddb1a82d212b81848a2f9a47f520515a4db6f2e");
        approved.setActorUserId("user-1");
        approved.setActorUsername("helpdesk.hank");
        approved.setClientId("bitlocker-console");
        approved.setDeviceId(DEVICE);
        approved.setDeviceName("LAPTOP-042");
        approved.setKeyId(KEY);
        approved.setTicketSystem("servicenow");
        approved.setTicketKey("INC0010042");
        approved.setTicketUrl("https://acme.service-now.com/INC0010042");
        approved.setTicketStatus("Work in Progress");
        approved.setTicketType("incident");
        approved.setTicketId("9d4f0c1e2b3a");
        approved.setReason("second approval");
        approved.setAcr("2");
        approved.setApprovalRequestId("c1d2e3f4-0000-4000-8000-000000000001");
        approved.setApproverUserId("user-9");
        approved.setApproverUsername("sam.supervisor");
        rows.add(approved);

        rows.add(row(5, 1_790_000_240_000L, "AUDIT_CHECKPOINT", "SUCCESS", "SYSTEM",
                "9f94835cf8a1d38bde2cf89c97e8441dd284bf3a8a7e8f77944f33e310c210df"));

        String prev = AuditChain.GENESIS;
        for (AuditEntryEntity e : rows) {
            e.setPrevHash(prev);
            prev = e.getHash();
        }
        return rows;
    }

    private static AuditEntryEntity row(long seq, long time, String action, String outcome, String source, String hash) {
        AuditEntryEntity e = new AuditEntryEntity();
        e.setId("0b9a3c58-1d8e-4d6e-9a3b-2f5c7e1a0d0" + seq);
        e.setRealmId(REALM);
        e.setSeq(seq);
        e.setTime(time);
        e.setAction(action);
        e.setOutcome(outcome);
        e.setSource(source);
        e.setHash(hash);
        return e;
    }

    @Test
    void aChainWrittenBeforeTheRecordStillVerifies() {
        String prev = AuditChain.GENESIS;
        for (AuditEntryEntity row : writtenBeforeTheRecord()) {
            AuditEntry entry = JpaAuditStoreProvider.toModel(row);

            assertThat(entry.prevHash()).as("link of entry %d", entry.seq()).isEqualTo(prev);
            assertThat(AuditChain.hash(prev, entry)).as("hash of entry %d", entry.seq()).isEqualTo(row.getHash());
            prev = entry.hash();
        }
    }

    @Test
    void aStoredRowSurvivesTheRoundTripThroughTheRecordUnchanged() {
        for (AuditEntryEntity row : writtenBeforeTheRecord()) {
            AuditEntryEntity again = JpaAuditStoreProvider.toEntity(REALM, JpaAuditStoreProvider.toModel(row));

            assertThat(again).usingRecursiveComparison().isEqualTo(row);
        }
    }

    @Test
    void aRowWithAnActionNoVersionWritesNoLongerVerifies() {
        AuditEntryEntity row = writtenBeforeTheRecord().get(2);
        row.setAction("KEY_FORGOTTEN");

        AuditEntry entry = JpaAuditStoreProvider.toModel(row);

        assertThat(entry.action()).isNull();
        assertThat(AuditChain.hash(entry.prevHash(), entry)).isNotEqualTo(row.getHash());
    }
}
