package io.keygate.bitlocker.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.AuditStoreProvider;
import io.keygate.bitlocker.model.AuditVerification;
import io.keygate.bitlocker.model.ChainHead;
import io.keygate.bitlocker.model.Transactions;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;

/**
 * Verifies a realm's chain (SPEC §5) up to the head read at the start, in consecutive segments walked at the same
 * time, each in a transaction of its own: reading a million rows and hashing them keeps the database and every core
 * busy instead of taking turns. Each segment checks its own entries' hashes, sequence and links; the links between
 * segments are checked in order afterwards, so the answer is the one a single walk from the first entry gives.
 */
public final class ChainVerifier {

    /** Entries read per query: a few megabytes of rows, a few hundred queries for a million entries. */
    private static final int BATCH = 2000;
    /** A chain shorter than two segments of this many entries is walked in one. */
    private static final long SEGMENT_MIN = 50_000;
    /** At most this many segments (and database connections) at once, however many cores the node has. */
    private static final int SEGMENTS_MAX = 4;
    private static final String EXECUTOR = "bitlocker-audit-verify";

    private final KeycloakSession session;
    private final RealmModel realm;

    public ChainVerifier(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** In as many segments as the node's cores and the chain's length call for. */
    public AuditVerification verify() {
        ChainHead head = session.getProvider(AuditStoreProvider.class).getHead(realm);
        long bySize = head.seq() / SEGMENT_MIN;
        int cores = Runtime.getRuntime().availableProcessors();
        return verify(head, (int) Math.max(1, Math.min(bySize, Math.min(cores, SEGMENTS_MAX))));
    }

    /** In {@code segments} segments of about the same length: the first in this session, the others alongside. */
    public AuditVerification verify(ChainHead head, int segments) {
        long length = Math.max(1, (head.seq() + segments - 1) / segments);
        List<Future<Segment>> others = new ArrayList<>();
        ExecutorService executor = segments > 1 ? session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR) : null;
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        for (long from = 1 + length; from <= head.seq(); from += length) {
            long first = from;
            long last = Math.min(head.seq(), from + length - 1);
            others.add(executor.submit(() -> Transactions.inRealm(factory, realmId,
                    (s, r) -> walk(s.getProvider(AuditStoreProvider.class), r, first, last))));
        }
        try {
            List<Segment> walked = new ArrayList<>();
            walked.add(walk(session.getProvider(AuditStoreProvider.class), realm, 1, Math.min(head.seq(), length)));
            for (Future<Segment> other : others) {
                walked.add(joined(other));
            }
            return join(head, walked);
        } finally {
            others.forEach(f -> f.cancel(true));
        }
    }

    /** The entries {@code first}…{@code last} as far as they hold together; their first entry's link is left to the join. */
    private static Segment walk(AuditStoreProvider store, RealmModel realm, long first, long last) {
        AuditEntry start = null;
        long count = 0;
        String lastId = null;
        String lastHash = null;
        long expectedSeq = first;
        long after = first - 1;
        while (after < last) {
            List<AuditEntry> batch = store.chain(realm, after, BATCH);
            for (AuditEntry e : batch) {
                if (e.seq() > last) {
                    break;
                }
                count++;
                boolean linked = start == null || e.seq() == expectedSeq && lastHash.equals(e.prevHash());
                boolean hashed = e.prevHash() != null && AuditChain.hash(e.prevHash(), e).equals(e.hash());
                start = start == null ? e : start;
                if (!linked || !hashed) {
                    return new Segment(start, count, e.id(), lastId, lastHash, expectedSeq);
                }
                lastId = e.id();
                lastHash = e.hash();
                expectedSeq = e.seq() + 1;
                after = e.seq();
            }
            if (batch.size() < BATCH || batch.get(batch.size() - 1).seq() >= last) {
                break;
            }
        }
        return new Segment(start, count, null, lastId, lastHash, expectedSeq);
    }

    /** The segments in order, linked: the first entry that does not hold, or where the chain ends against its head. */
    private static AuditVerification join(ChainHead head, List<Segment> segments) {
        long count = 0;
        String lastId = null;
        String lastHash = AuditChain.GENESIS;
        long expectedSeq = 1;
        for (Segment s : segments) {
            if (s.start() == null) {
                continue;   // its rows are gone: the next entry's sequence (or the head) tells
            }
            if (s.start().seq() != expectedSeq || !lastHash.equals(s.start().prevHash())) {
                return new AuditVerification(false, count + 1, s.start().id(), head(lastId, lastHash), null);
            }
            if (s.brokenAt() != null) {
                return s.lastId() == null
                        ? new AuditVerification(false, count + s.count(), s.brokenAt(), head(lastId, lastHash), null)
                        : new AuditVerification(false, count + s.count(), s.brokenAt(), head(s.lastId(), s.lastHash()), null);
            }
            count += s.count();
            lastId = s.lastId();
            lastHash = s.lastHash();
            expectedSeq = s.nextSeq();
        }
        // Rows removed from the end of the chain (or the head moved) leave it short of its head.
        boolean intact = expectedSeq - 1 == head.seq() && head.hash().equals(lastHash);
        return new AuditVerification(intact, count, null, head(lastId, lastHash), null);
    }

    private static Segment joined(Future<Segment> segment) {
        try {
            Segment walked = segment.get();
            if (walked == null) {
                throw new ModelException("the realm was removed while its audit log was verified");
            }
            return walked;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while verifying the audit log", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new ModelException("the audit log could not be verified", e.getCause());
        }
    }

    private static AuditVerification.Head head(String id, String hash) {
        return id == null ? null : new AuditVerification.Head(id, hash);
    }

    /**
     * A walked segment: its first entry (not yet linked to what comes before it), how many entries it looked at, the
     * first that does not hold (else {@code null}), the last that did, and the sequence number expected next.
     */
    private record Segment(AuditEntry start, long count, String brokenAt, String lastId, String lastHash, long nextSeq) {
    }
}
