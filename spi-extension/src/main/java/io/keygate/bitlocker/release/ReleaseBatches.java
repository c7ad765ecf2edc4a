package io.keygate.bitlocker.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.keygate.bitlocker.audit.AuditEvent;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.model.RealmLock;
import io.keygate.bitlocker.model.Transactions;
import io.keygate.bitlocker.problem.ProblemException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Group commit of releases: one writer per realm and node. A release queues the locked part of its work and waits;
 * whichever waiting request holds the realm's writer turn takes every release queued so far and commits them in one
 * transaction — one lock of the chain head, one commit (one wait for the disk) for the batch. Within it the releases
 * run one after another, each seeing the entries of those before it, so the limits hold for the batch as a whole; a
 * release refused there gets its denial entry in the same batch. Every entry is committed before its key leaves:
 * a request returns only once its batch has committed. Across nodes the chain head's lock keeps the chain linear.
 */
final class ReleaseBatches {

    /** The locked part of one release: checks first, then writes (a refusal must leave nothing behind). */
    interface LockedWork<T> {
        T run(KeycloakSession session, RealmModel realm, AuditLog audit);
    }

    private static final Map<String, ReleaseBatches> WRITERS = new ConcurrentHashMap<>();

    private final Queue<Queued<?>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock turn = new ReentrantLock();

    private ReleaseBatches() {
    }

    /**
     * Runs {@code work} in the realm's next batch and returns once that batch has committed.
     *
     * @param denial the entry that records a refusal of this release, written in the same batch
     * @throws ProblemException the release was refused (its denial is on record: {@link AuditedDenial})
     * @throws RuntimeException the batch could not be committed (nothing of it is on record)
     */
    static <T> T commit(KeycloakSessionFactory factory, String realmId, LockedWork<T> work,
            Function<ProblemException, AuditEvent> denial) {
        ReleaseBatches writer = WRITERS.computeIfAbsent(realmId, id -> new ReleaseBatches());
        Queued<T> mine = new Queued<>(work, denial);
        writer.queue.add(mine);
        writer.turn.lock();
        try {
            // Another request's batch may have carried this release already while this one waited for the turn.
            if (!mine.done) {
                writer.commitQueued(factory, realmId);
            }
        } finally {
            writer.turn.unlock();
        }
        return mine.outcome();
    }

    /** With the turn held: everything queued so far, in one transaction. */
    private void commitQueued(KeycloakSessionFactory factory, String realmId) {
        List<Queued<?>> batch = new ArrayList<>();
        for (Queued<?> q = queue.poll(); q != null; q = queue.poll()) {
            batch.add(q);
        }
        try {
            Boolean committed = Transactions.inRealm(factory, realmId, (s, r) -> {
                AuditLog audit = new AuditLog(s, r);
                // Under the chain's lock, no other release on any node can commit: what is counted now holds.
                RealmLock.hold(s, r);
                batch.forEach(q -> q.runIn(s, r, audit));
                return Boolean.TRUE;
            });
            if (committed == null) {
                BitLockerMetrics.releaseBatch(batch.size(), "FAILED");
                batch.forEach(q -> q.fail(new IllegalStateException("realm " + realmId + " no longer exists")));
            } else {
                BitLockerMetrics.releaseBatch(batch.size(), "COMMITTED");
                batch.forEach(Queued::commitHappened);
            }
        } catch (RuntimeException e) {
            BitLockerMetrics.releaseBatch(batch.size(), "FAILED");
            batch.forEach(q -> q.fail(e));
        }
    }

    /** A release's denial, already on record in its batch: not to be audited again. */
    static final class AuditedDenial extends ProblemException {
        AuditedDenial(ProblemException refused) {
            super(refused.problem());
        }
    }

    private static final class Queued<T> {
        private final LockedWork<T> work;
        private final Function<ProblemException, AuditEvent> denial;
        private T result;
        private ProblemException refused;
        private RuntimeException failure;
        private volatile boolean done;

        Queued(LockedWork<T> work, Function<ProblemException, AuditEvent> denial) {
            this.work = work;
            this.denial = denial;
        }

        void runIn(KeycloakSession session, RealmModel realm, AuditLog audit) {
            try {
                result = work.run(session, realm, audit);
            } catch (ProblemException e) {
                // Refused before it wrote anything; its denial joins the batch.
                refused = e;
                audit.append(denial.apply(e));
            }
        }

        void commitHappened() {
            done = true;
        }

        void fail(RuntimeException e) {
            failure = e;
            refused = null;
            result = null;
            done = true;
        }

        T outcome() {
            if (failure != null) {
                throw failure;
            }
            if (refused != null) {
                throw new AuditedDenial(refused);
            }
            return result;
        }
    }
}
