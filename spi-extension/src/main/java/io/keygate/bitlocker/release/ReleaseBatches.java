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
import io.keygate.bitlocker.problem.DatabaseUnavailable;
import io.keygate.bitlocker.problem.ProblemException;
import org.jboss.logging.Logger;
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
 * When a batch fails for a reason other than the database being out of reach, its releases are tried again one by
 * one, so that one release's unexpected failure does not withhold the keys of the others.
 */
final class ReleaseBatches {

    private static final Logger LOG = Logger.getLogger(ReleaseBatches.class);

    /**
     * The locked part of one release: checks first, then writes (a refusal must leave nothing behind). It runs in the
     * batch's transaction and may run again in a transaction of its own: nothing it does may outlive a rollback.
     */
    interface LockedWork<T> {
        T run(KeycloakSession session, RealmModel realm, AuditLog audit);
    }

    /** How a batch is committed: {@code body} in one transaction under the realm's lock; false if the realm is gone. */
    interface Transaction {
        boolean commit(KeycloakSessionFactory factory, String realmId, LockedWork<Void> body);
    }

    private static final Map<String, ReleaseBatches> WRITERS = new ConcurrentHashMap<>();

    private final Queue<Queued<?>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock turn = new ReentrantLock();
    private final Transaction transaction;

    ReleaseBatches(Transaction transaction) {
        this.transaction = transaction;
    }

    /**
     * Runs {@code work} in the realm's next batch and returns once that batch has committed.
     *
     * @param denial the entry that records a refusal of this release, written in the same batch
     * @throws ProblemException the release was refused (its denial is on record: {@link AuditedDenial})
     * @throws RuntimeException the release could not be committed (nothing of it is on record)
     */
    static <T> T commit(KeycloakSessionFactory factory, String realmId, LockedWork<T> work,
            Function<ProblemException, AuditEvent> denial) {
        return WRITERS.computeIfAbsent(realmId, id -> new ReleaseBatches(ReleaseBatches::underRealmLock))
                .submit(factory, realmId, work, denial);
    }

    /** As {@link #commit}, with this writer. */
    <T> T submit(KeycloakSessionFactory factory, String realmId, LockedWork<T> work,
            Function<ProblemException, AuditEvent> denial) {
        Queued<T> mine = new Queued<>(work, denial);
        queue.add(mine);
        turn.lock();
        try {
            // Another request's batch may have carried this release already while this one waited for the turn.
            if (!mine.done) {
                commitQueued(factory, realmId);
            }
        } finally {
            turn.unlock();
        }
        return mine.outcome();
    }

    /** Releases queued and not yet taken by a batch. */
    int waiting() {
        return queue.size();
    }

    /** With the turn held: everything queued so far, in one transaction (or, should that fail, one by one). */
    private void commitQueued(KeycloakSessionFactory factory, String realmId) {
        List<Queued<?>> batch = new ArrayList<>();
        for (Queued<?> q = queue.poll(); q != null; q = queue.poll()) {
            batch.add(q);
        }
        try {
            commitTogether(factory, realmId, batch);
        } catch (RuntimeException e) {
            BitLockerMetrics.releaseBatch(batch.size(), "FAILED");
            if (batch.size() == 1 || DatabaseUnavailable.isCause(e)) {
                batch.forEach(q -> q.fail(e));
                return;
            }
            LOG.warnf("A batch of %d releases in realm %s failed (%s); each is tried again alone", batch.size(), realmId,
                    e.toString());
            for (Queued<?> q : batch) {
                try {
                    commitTogether(factory, realmId, List.of(q));
                } catch (RuntimeException alone) {
                    BitLockerMetrics.releaseBatch(1, "FAILED");
                    q.fail(alone);
                }
            }
        }
    }

    private void commitTogether(KeycloakSessionFactory factory, String realmId, List<Queued<?>> batch) {
        batch.forEach(Queued::reset);
        boolean committed = transaction.commit(factory, realmId, (s, r, audit) -> {
            batch.forEach(q -> q.runIn(s, r, audit));
            return null;
        });
        if (!committed) {
            BitLockerMetrics.releaseBatch(batch.size(), "FAILED");
            batch.forEach(q -> q.fail(new IllegalStateException("realm " + realmId + " no longer exists")));
            return;
        }
        BitLockerMetrics.releaseBatch(batch.size(), "COMMITTED");
        batch.forEach(Queued::commitHappened);
    }

    /** The production transaction: Keycloak's, the chain head locked first. */
    private static boolean underRealmLock(KeycloakSessionFactory factory, String realmId, LockedWork<Void> body) {
        return Transactions.inRealm(factory, realmId, (s, r) -> {
            AuditLog audit = new AuditLog(s, r);
            // Under the chain's lock, no other release on any node can commit: what is counted now holds.
            RealmLock.hold(s, r);
            body.run(s, r, audit);
            return Boolean.TRUE;
        }) != null;
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

        /** Before a run: what an earlier, rolled-back run found is void. */
        void reset() {
            result = null;
            refused = null;
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
