package io.keygate.bitlocker.audit;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditEntryModel;
import io.keygate.bitlocker.model.AuditFilter;
import io.keygate.bitlocker.model.AuditStoreProvider;
import io.keygate.bitlocker.model.ChainHead;
import io.keygate.bitlocker.model.Transactions;
import io.keygate.bitlocker.representation.AuditVerificationRepresentation;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Appends to, reads and verifies a realm's audit log. Appending locks the realm's chain head (see
 * {@link AuditStoreProvider}), so concurrent appenders on any number of nodes form one linear chain.
 */
public class AuditLog {

    /** Entries read per query while verifying: a few megabytes of rows, a few hundred queries for a million entries. */
    private static final int VERIFY_BATCH = 2000;

    private final RealmModel realm;
    private final AuditStoreProvider store;

    public AuditLog(KeycloakSession session, RealmModel realm) {
        this.realm = realm;
        this.store = session.getProvider(AuditStoreProvider.class);
    }

    /** Appends within the session's current transaction; the entry is durable when it commits. */
    public AuditEntryModel append(AuditEvent event) {
        ChainHead head = store.lockHead(realm);
        PendingEntry entry = new PendingEntry(event, realm.getId(), head, Time.currentTimeMillis());
        entry.hash = AuditChain.hash(head.hash(), entry);
        store.append(realm, entry);
        return entry;
    }

    /**
     * Appends in a transaction of its own and commits it before returning: for events that must be
     * on record even when the request's own work is rolled back (denials), or before something
     * leaves (a released key).
     */
    public static String appendCommitted(KeycloakSession session, RealmModel realm, AuditEvent event) {
        return Transactions.inRealm(session.getKeycloakSessionFactory(), realm.getId(),
                (s, r) -> new AuditLog(s, r).append(event).getId());
    }

    /** Entries matching the filter, newest first: a page plus one that tells whether there is more. */
    public List<AuditEntryModel> page(AuditFilter filter, int max) {
        return store.search(realm, filter, max + 1);
    }

    public void forEach(AuditFilter filter, Consumer<AuditEntryModel> consumer) {
        store.forEach(realm, filter, consumer);
    }

    /** How many entries of {@code action} a user caused since a point in time (rate limits). */
    public long count(String userId, AuditAction action, long sinceMillis) {
        return store.countActions(realm, userId, action, sinceMillis);
    }

    /** The distinct devices whose keys a ticket has released (the ticket reuse limit). */
    public List<String> devicesReleasedUnder(String ticketSystem, String ticketId, String ticketKey) {
        return store.devicesReleasedUnder(realm, ticketSystem, ticketId, ticketKey);
    }

    /**
     * Takes the chain's head lock for the rest of this transaction: from here on no other appender, on
     * any node, can commit, so counts read now stay true until this transaction's entries are committed.
     */
    public void lockChain() {
        store.lockHead(realm);
    }

    /**
     * Walks the chain in batches (memory stays flat) up to the head read at the start and
     * recomputes every hash: entries appended meanwhile are not part of this verification.
     */
    public AuditVerificationRepresentation verify() {
        ChainHead head = store.getHead(realm);
        String expectedPrev = AuditChain.GENESIS;
        long expectedSeq = 1;
        long count = 0;
        String lastId = null;
        while (expectedSeq <= head.seq()) {
            List<AuditEntryModel> batch = store.chain(realm, expectedSeq - 1, VERIFY_BATCH);
            // Each entry's hash depends only on its own fields and the prevHash it stores: recomputed on every core,
            // then the links between them checked in order.
            List<String> recomputed = batch.parallelStream()
                    .map(e -> e.getPrevHash() == null ? "" : AuditChain.hash(e.getPrevHash(), e)).toList();
            for (int i = 0; i < batch.size(); i++) {
                AuditEntryModel e = batch.get(i);
                if (e.getSeq() > head.seq()) {
                    break;
                }
                count++;
                boolean intact = e.getSeq() == expectedSeq && expectedPrev.equals(e.getPrevHash())
                        && recomputed.get(i).equals(e.getHash());
                if (!intact) {
                    return new AuditVerificationRepresentation(false, count, e.getId(), head(lastId, expectedPrev));
                }
                expectedPrev = e.getHash();
                expectedSeq++;
                lastId = e.getId();
            }
            if (batch.size() < VERIFY_BATCH) {
                break;
            }
        }
        if (expectedSeq - 1 != head.seq() || !head.hash().equals(expectedPrev)) {
            // Rows were removed from the end of the chain (or the head was moved).
            return new AuditVerificationRepresentation(false, count, null, head(lastId, expectedPrev));
        }
        return new AuditVerificationRepresentation(true, count, null, head(lastId, expectedPrev));
    }

    private static AuditVerificationRepresentation.Head head(String id, String hash) {
        return id == null ? null : new AuditVerificationRepresentation.Head(id, hash);
    }

    /** A new entry: the event, placed in the chain. */
    private static final class PendingEntry implements AuditEntryModel {

        private String id;
        private String realmId;
        private long seq;
        private long time;
        private String action;
        private String outcome;
        private String code;
        private String actorUserId;
        private String actorUsername;
        private String clientId;
        private String source;
        private String ipAddress;
        private String userAgent;
        private String deviceId;
        private String deviceName;
        private String keyId;
        private String ticketSystem;
        private String ticketKey;
        private String ticketUrl;
        private String ticketStatus;
        private String ticketType;
        private String ticketId;
        private String reason;
        private String acr;
        private String approvalRequestId;
        private String approverUserId;
        private String approverUsername;
        private String prevHash;
        private String hash;

        PendingEntry(AuditEvent event, String realmId, ChainHead head, long now) {
            this.id = UUID.randomUUID().toString();
            this.realmId = realmId;
            this.seq = head.seq() + 1;
            this.time = now;
            this.action = event.action.name();
            this.outcome = event.outcome.name();
            this.code = event.code;
            this.actorUserId = event.actorUserId;
            this.actorUsername = event.actorUsername;
            this.clientId = event.clientId;
            this.source = event.source.name();
            this.ipAddress = event.ipAddress;
            this.userAgent = event.userAgent;
            this.deviceId = event.deviceId;
            this.deviceName = event.deviceName;
            this.keyId = event.keyId;
            if (event.ticket != null) {
                this.ticketSystem = event.ticket.system();
                this.ticketKey = event.ticket.key();
                this.ticketUrl = event.ticket.url();
                this.ticketStatus = event.ticket.status();
                this.ticketType = event.ticket.type();
                this.ticketId = event.ticketId;
            }
            this.reason = event.reason;
            this.acr = event.acr;
            this.approvalRequestId = event.approvalRequestId;
            this.approverUserId = event.approverUserId;
            this.approverUsername = event.approverUsername;
            this.prevHash = head.hash();
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public String getRealmId() {
            return realmId;
        }

        @Override
        public long getSeq() {
            return seq;
        }

        @Override
        public long getTime() {
            return time;
        }

        @Override
        public String getAction() {
            return action;
        }

        @Override
        public String getOutcome() {
            return outcome;
        }

        @Override
        public String getCode() {
            return code;
        }

        @Override
        public String getActorUserId() {
            return actorUserId;
        }

        @Override
        public String getActorUsername() {
            return actorUsername;
        }

        @Override
        public String getClientId() {
            return clientId;
        }

        @Override
        public String getSource() {
            return source;
        }

        @Override
        public String getIpAddress() {
            return ipAddress;
        }

        @Override
        public String getUserAgent() {
            return userAgent;
        }

        @Override
        public String getDeviceId() {
            return deviceId;
        }

        @Override
        public String getDeviceName() {
            return deviceName;
        }

        @Override
        public String getKeyId() {
            return keyId;
        }

        @Override
        public String getApprovalRequestId() {
            return approvalRequestId;
        }

        @Override
        public String getApproverUserId() {
            return approverUserId;
        }

        @Override
        public String getApproverUsername() {
            return approverUsername;
        }

        @Override
        public String getTicketSystem() {
            return ticketSystem;
        }

        @Override
        public String getTicketKey() {
            return ticketKey;
        }

        @Override
        public String getTicketUrl() {
            return ticketUrl;
        }

        @Override
        public String getTicketStatus() {
            return ticketStatus;
        }

        @Override
        public String getTicketType() {
            return ticketType;
        }

        @Override
        public String getTicketId() {
            return ticketId;
        }

        @Override
        public String getReason() {
            return reason;
        }

        @Override
        public String getAcr() {
            return acr;
        }

        @Override
        public String getPrevHash() {
            return prevHash;
        }

        @Override
        public String getHash() {
            return hash;
        }
    }
}
