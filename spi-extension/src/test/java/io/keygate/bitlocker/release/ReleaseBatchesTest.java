package io.keygate.bitlocker.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * The group commit's own rules, with a database that records what each transaction committed: releases queued while a
 * batch commits go together into the next; one release failing unexpectedly fails only itself; a database out of reach
 * fails the batch at once. (Against the real server, concurrent releases are shown by ReleaseLimitsTest,
 * CampaignRacesTest and DualControlTest.)
 */
class ReleaseBatchesTest {

    private static final KeycloakSessionFactory NO_FACTORY = null;

    private final Database database = new Database();
    private final ReleaseBatches writer = new ReleaseBatches(database);
    private final ExecutorService requests = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        requests.shutdownNow();
    }

    @Test
    void releasesQueuedWhileABatchCommitsGoTogetherIntoTheNext() throws Exception {
        Map<String, Future<String>> replies = queuedBehindABatch("a", "b", "c");
        database.open.countDown();

        for (Map.Entry<String, Future<String>> reply : replies.entrySet()) {
            assertThat(reply.getValue().get(10, TimeUnit.SECONDS)).isEqualTo(reply.getKey());
        }
        assertThat(database.committed).hasSize(2);
        assertThat(database.committed.get(0)).containsExactly("first");
        assertThat(database.committed.get(1)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(database.rolledBack).hasValue(0);
    }

    @Test
    void oneReleaseFailingUnexpectedlyDoesNotWithholdTheOthersOfItsBatch() throws Exception {
        Map<String, Future<String>> replies = queuedBehindABatch("a", "bad", "c");
        database.open.countDown();

        assertThat(replies.get("a").get(10, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(replies.get("c").get(10, TimeUnit.SECONDS)).isEqualTo("c");
        assertThat(failureOf(replies.get("bad"))).isInstanceOf(IllegalStateException.class).hasMessage("bug in bad");
        // The batch rolled back, then each alone: the two good ones committed, the bad one rolled back again.
        assertThat(database.committed).containsExactlyInAnyOrder(List.of("first"), List.of("a"), List.of("c"));
        assertThat(database.rolledBack).hasValue(2);
    }

    @Test
    void aDatabaseOutOfReachFailsTheWholeBatchWithoutTryingEachAgain() throws Exception {
        Map<String, Future<String>> replies = queuedBehindABatch("a", "b", "c");
        database.reachable = false;
        database.open.countDown();

        assertThat(replies.get("first").get(10, TimeUnit.SECONDS)).isEqualTo("first");
        for (String name : List.of("a", "b", "c")) {
            assertThat(failureOf(replies.get(name))).hasRootCauseInstanceOf(SQLException.class);
        }
        assertThat(database.committed).containsExactly(List.of("first"));
        assertThat(database.attempts).as("the first batch, then the three together once").hasValue(2);
    }

    /**
     * A first release holds the writer's turn, its transaction waiting for {@link Database#open}; then {@code names}
     * are submitted and wait in the queue. Names starting with "bad" fail with a bug of their own.
     */
    private Map<String, Future<String>> queuedBehindABatch(String... names) throws InterruptedException {
        Future<String> first = requests.submit(() -> writer.submit(NO_FACTORY, "realm", work("first"), e -> null));
        assertThat(database.started.await(10, TimeUnit.SECONDS)).isTrue();
        Map<String, Future<String>> replies = new LinkedHashMap<>();
        for (String name : names) {
            replies.put(name, requests.submit(() -> writer.submit(NO_FACTORY, "realm", work(name), e -> null)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.waiting() < names.length && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(writer.waiting()).isEqualTo(names.length);
        assertThat(first.isDone()).isFalse();
        replies.put("first", first);
        return replies;
    }

    private ReleaseBatches.LockedWork<String> work(String name) {
        return (session, realm, audit) -> {
            database.write(name);
            if (name.startsWith("bad")) {
                throw new IllegalStateException("bug in " + name);
            }
            return name;
        };
    }

    private static Throwable failureOf(Future<String> reply) throws InterruptedException {
        try {
            reply.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("no answer", e);
        }
        throw new AssertionError("the release was committed");
    }

    /**
     * Transactions that keep what their body wrote only if it returns; the first waits for {@link #open}. When not
     * {@link #reachable}, every later one fails as a lost connection does (SQLState 08006).
     */
    private static final class Database implements ReleaseBatches.Transaction {
        final List<List<String>> committed = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger rolledBack = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);
        volatile boolean reachable = true;
        private final ThreadLocal<List<String>> writes = new ThreadLocal<>();

        void write(String name) {
            writes.get().add(name);
        }

        @Override
        public boolean commit(KeycloakSessionFactory factory, String realmId, ReleaseBatches.LockedWork<Void> body) {
            boolean first = attempts.getAndIncrement() == 0;
            if (first) {
                started.countDown();
                await();
            } else if (!reachable) {
                throw new IllegalStateException("commit failed", new SQLException("connection lost", "08006"));
            }
            writes.set(new ArrayList<>());
            try {
                body.run(null, null, null);
                committed.add(List.copyOf(writes.get()));
                return true;
            } catch (RuntimeException e) {
                rolledBack.incrementAndGet();
                throw e;
            } finally {
                writes.remove();
            }
        }

        private void await() {
            try {
                if (!open.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the database");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
