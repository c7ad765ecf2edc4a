package io.keygate.bitlocker.it.support.server;

import java.util.UUID;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;
import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;

/** Server-side helpers of the paging benchmark: bulk rows and the OFFSET baseline. */
public final class BenchmarkData {

    private BenchmarkData() {
    }

    /** Inserts {@code count} escrowed devices named BENCH-000000… with one key each, straight into the tables. */
    public static RunOnServer devices(String realmId, int from, int count) {
        return session -> {
            var em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
            long now = System.currentTimeMillis();
            for (int i = from; i < from + count; i++) {
                String pk = UUID.randomUUID().toString();
                String name = String.format("BENCH-%06d", i);
                em.createNativeQuery("INSERT INTO BLK_DEVICE (ID, REALM_ID, DEVICE_ID, DEVICE_NAME, DEVICE_NAME_LOWER, SOURCE,"
                                + " ESCROW_STATUS, STATUS_SINCE, CREATED_AT, UPDATED_AT, VERSION)"
                                + " VALUES (?1, ?2, ?3, ?4, ?5, 'local', 'ESCROWED', ?6, ?6, ?6, 0)")
                        .setParameter(1, pk).setParameter(2, realmId).setParameter(3, UUID.randomUUID().toString())
                        .setParameter(4, name).setParameter(5, name.toLowerCase()).setParameter(6, now).executeUpdate();
                String keyId = UUID.randomUUID().toString();
                em.createNativeQuery("INSERT INTO BLK_RECOVERY_KEY (ID, REALM_ID, DEVICE_PK, KEY_ID, KEY_ID_HEX, VOLUME_TYPE,"
                                + " STATE, CREATED_AT) VALUES (?1, ?2, ?3, ?4, ?5, 'OPERATING_SYSTEM', 'ACTIVE', ?6)")
                        .setParameter(1, UUID.randomUUID().toString()).setParameter(2, realmId).setParameter(3, pk)
                        .setParameter(4, keyId).setParameter(5, keyId.replace("-", "")).setParameter(6, now).executeUpdate();
            }
        };
    }

    /**
     * The baseline the API avoids: the same page fetched with OFFSET, timed inside the server.
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
