package io.keygate.bitlocker.it.support.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import io.keygate.bitlocker.audit.AuditChain;
import io.keygate.bitlocker.jpa.JpaAuditStoreProvider;
import io.keygate.bitlocker.jpa.entity.AuditChainEntity;
import io.keygate.bitlocker.jpa.entity.AuditEntryEntity;
import io.keygate.bitlocker.model.CacheInvalidation;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;
import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;

/**
 * Server-side helpers of the benchmark: bulk rows written straight into the extension's tables (what a
 * fleet that grew over years leaves there), the OFFSET baseline, and the server's heap.
 */
public final class BenchmarkData {

    private static final int ROWS_PER_INSERT = 500;
    private static final String[] ACTIONS = {"KEY_REVEALED", "KEY_REVEAL_DENIED", "KEY_ESCROWED", "ROTATION_REQUESTED",
        "ROTATION_COMPLETED", "TICKET_ANNOTATED"};

    private BenchmarkData() {
    }

    /** The device ID of seeded device {@code i} (stable across runs and calls). */
    public static String deviceId(int i) {
        return UUID.nameUUIDFromBytes(("bench-device-" + i).getBytes(StandardCharsets.US_ASCII)).toString();
    }

    /** The ID of seeded device {@code i}'s key {@code k} (0: operating-system volume, 1: fixed data volume). */
    public static String keyId(int i, int k) {
        return UUID.nameUUIDFromBytes(("bench-key-" + i + "-" + k).getBytes(StandardCharsets.US_ASCII)).toString();
    }

    /** The name of seeded device {@code i}: {@code PC-000123}. */
    public static String deviceName(int i) {
        return String.format("PC-%06d", i);
    }

    /**
     * Devices {@code from} … {@code from+count-1} of a fleet, each escrowed with an operating-system and a
     * fixed-data key (metadata only: the benchmark reveals the keys of devices escrowed through the API).
     * Multi-row INSERTs, {@value #ROWS_PER_INSERT} rows each.
     */
    public static RunOnServer devices(String realmId, int from, int count) {
        return session -> {
            EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
            long now = System.currentTimeMillis();
            for (int start = from; start < from + count; start += ROWS_PER_INSERT) {
                int end = Math.min(from + count, start + ROWS_PER_INSERT);
                StringBuilder devices = new StringBuilder("INSERT INTO BLK_DEVICE (ID, REALM_ID, DEVICE_ID, DEVICE_NAME,"
                        + " DEVICE_NAME_LOWER, SOURCE, ENCRYPTION, ESCROW_STATUS, LAST_CHECK_IN, STATUS_SINCE, CREATED_AT,"
                        + " UPDATED_AT, VERSION) VALUES ");
                StringBuilder keys = new StringBuilder("INSERT INTO BLK_RECOVERY_KEY (ID, REALM_ID, DEVICE_PK, KEY_ID,"
                        + " KEY_ID_HEX, VOLUME_TYPE, STATE, CREATED_AT) VALUES ");
                for (int i = start; i < end; i++) {
                    String pk = UUID.randomUUID().toString();
                    String name = deviceName(i);
                    devices.append(i == start ? "" : ",").append(String.format(
                            "('%s','%s','%s','%s','%s','local','ENCRYPTED','ESCROWED',%d,%d,%d,%d,0)",
                            pk, realmId, deviceId(i), name, name.toLowerCase(), now, now, now, now));
                    for (int k = 0; k < 2; k++) {
                        String keyId = keyId(i, k);
                        keys.append(i == start && k == 0 ? "" : ",").append(String.format(
                                "('%s','%s','%s','%s','%s','%s','ACTIVE',%d)", UUID.randomUUID(), realmId, pk, keyId,
                                keyId.replace("-", ""), k == 0 ? "OPERATING_SYSTEM" : "FIXED_DATA", now - k));
                    }
                }
                em.createNativeQuery(devices.toString()).executeUpdate();
                em.createNativeQuery(keys.toString()).executeUpdate();
            }
            // The extension keeps the fleet's counts per status (BLK_DEVICE_COUNT); rows written behind its back are recounted.
            em.createNativeQuery("DELETE FROM BLK_DEVICE_COUNT WHERE REALM_ID = ?1").setParameter(1, realmId).executeUpdate();
            em.createNativeQuery("INSERT INTO BLK_DEVICE_COUNT (REALM_ID, ESCROW_STATUS, DEVICES) SELECT REALM_ID, ESCROW_STATUS,"
                    + " COUNT(*) FROM BLK_DEVICE WHERE REALM_ID = ?1 GROUP BY REALM_ID, ESCROW_STATUS")
                    .setParameter(1, realmId).executeUpdate();
            // Written behind its back, as by a DBA: every node drops what it cached of the realm once this commits.
            CacheInvalidation.afterCompletion(session, null, session.realms().getRealm(realmId));
        };
    }

    /**
     * Appends {@code count} entries to the realm's audit chain, hashed by the extension's own
     * {@link AuditChain} exactly as an append does, and moves the chain head past them. Entries are
     * spread over the past year and over actors who are not the benchmark's users (whose hourly counts
     * the reveals then read).
     */
    public static RunOnServer auditEntries(String realmId, int count, int fleet) {
        return session -> {
            EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
            AuditChainEntity head = em.find(AuditChainEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
            if (head == null) {
                head = new AuditChainEntity();
                head.setRealmId(realmId);
                head.setLastSeq(0);
                head.setLastHash(AuditChain.GENESIS);
                em.persist(head);
            }
            long seq = head.getLastSeq();
            String prev = head.getLastHash();
            long now = System.currentTimeMillis();
            long yearAgo = now - 365L * 24 * 3600 * 1000;
            for (int n = 0; n < count; n++) {
                seq++;
                int device = (int) (seq % Math.max(1, fleet));
                AuditEntryEntity e = new AuditEntryEntity();
                e.setId(UUID.randomUUID().toString());
                e.setRealmId(realmId);
                e.setSeq(seq);
                e.setTime(Math.min(now - 3_600_000, yearAgo + seq * 30_000));
                e.setAction(ACTIONS[(int) (seq % ACTIONS.length)]);
                e.setOutcome("KEY_REVEAL_DENIED".equals(e.getAction()) ? "DENIED" : "SUCCESS");
                e.setCode("KEY_REVEAL_DENIED".equals(e.getAction()) ? "ticket_not_open" : null);
                e.setActorUserId(UUID.nameUUIDFromBytes(("bench-actor-" + seq % 40).getBytes(StandardCharsets.US_ASCII)).toString());
                e.setActorUsername("agent" + seq % 40 + "@helpdesk.example");
                e.setClientId("bitlocker-console");
                e.setSource("HELPDESK");
                e.setIpAddress("10.0." + seq % 200 + "." + seq % 250);
                e.setUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64)");
                e.setDeviceId(deviceId(device));
                e.setDeviceName(deviceName(device));
                e.setKeyId(keyId(device, 0));
                e.setTicketSystem("jira");
                e.setTicketKey("HIST-" + seq / 3);
                e.setTicketId(Long.toString(5_000_000 + seq / 3));   // clear of the simulator's issue IDs
                e.setTicketStatus("In Progress");
                e.setTicketType("Incident");
                e.setTicketUrl("https://jira.example/browse/HIST-" + seq / 3);
                e.setReason("User locked out at the BitLocker recovery screen after a BIOS update");
                e.setAcr("2");
                e.setPrevHash(prev);
                e.setHash(AuditChain.hash(prev, JpaAuditStoreProvider.toModel(e)));
                prev = e.getHash();
                em.persist(e);
                if (n % 1000 == 999) {
                    em.flush();
                    em.clear();
                    head = em.find(AuditChainEntity.class, realmId);
                }
            }
            head.setLastSeq(seq);
            head.setLastHash(prev);
            em.merge(head);
        };
    }


    /** Fresh planner statistics after a bulk load, as autovacuum would gather them (PostgreSQL only). */
    public static RunOnServer analyze() {
        return session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("ANALYZE").executeUpdate();
    }

    /**
     * The server's heap: {@code used,oldGenerationAfterLastGc} in bytes (the second is what survived
     * the last collection of the old generation: what a request holds on to, not what it churns).
     */
    public static FetchOnServer heap() {
        return session -> {
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long old = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old") && pool.getCollectionUsage() != null) {
                    old += pool.getCollectionUsage().getUsed();
                }
            }
            return used + "," + old + "," + Runtime.getRuntime().maxMemory();
        };
    }

    /** The server's process ID, for the profiler's {@code jcmd}. */
    public static FetchOnServer pid() {
        return session -> Long.toString(ProcessHandle.current().pid());
    }

    /** A full collection, so that the next {@link #heap()} starts from live data only. */
    public static RunOnServer collectGarbage() {
        return session -> System.gc();
    }

    /**
     * The baseline the API avoids: a page fetched with OFFSET, timed inside the server.
     * Returns nanoseconds for {@code runs} runs as a comma-separated list.
     */
    public static FetchOnServer offsetPage(String realmId, int offset, int max, int runs) {
        return session -> {
            var em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
            StringBuilder out = new StringBuilder();
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                em.createNativeQuery("SELECT ID FROM BLK_DEVICE WHERE REALM_ID = ?1 ORDER BY DEVICE_NAME_LOWER, DEVICE_ID")
                        .setParameter(1, realmId).setFirstResult(offset).setMaxResults(max).getResultList();
                out.append(r == 0 ? "" : ",").append(System.nanoTime() - start);
            }
            return out.toString();
        };
    }
}
