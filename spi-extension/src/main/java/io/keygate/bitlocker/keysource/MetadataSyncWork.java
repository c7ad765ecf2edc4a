package io.keygate.bitlocker.keysource;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.model.RealmConfigProvider;
import io.keygate.bitlocker.scheduling.BackgroundWorkProviderFactory;
import io.keygate.bitlocker.scheduling.TaskScheduler;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * The metadata sync's clock, for every {@link SynchronisedKeySource} (Entra ID, Active Directory). Every
 * {@code entra-sync-check-seconds} (30) one node looks for realms whose source's sync is due (its
 * {@code syncIntervalMinutes}) or stopped ({@code entra-sync-retry-seconds}, 60) and works on each on a thread
 * of its own — not Keycloak's timer thread, which other tasks share — under a cluster-wide lock, so one node at
 * a time syncs a realm. {@code entra-sync-interval-seconds} overrides every realm's interval (for tests and
 * trials). The options keep the names they had when Entra ID was the only such source.
 */
public class MetadataSyncWork extends BackgroundWorkProviderFactory {

    static final String TASK_NAME = "bitlocker-metadata-sync";
    private static final Logger LOG = Logger.getLogger(MetadataSyncWork.class);

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private ExecutorService workers;

    @Override
    protected void start(TaskScheduler scheduler, Config.Scope options) {
        long check = seconds(options, "entra-sync-check-seconds", 30L);
        long retry = seconds(options, "entra-sync-retry-seconds", 60L);
        Long intervalOverride = options.getLong("entra-sync-interval-seconds");
        long slice = seconds(options, "entra-sync-slice-seconds", 240L);
        workers = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, TASK_NAME);
            thread.setDaemon(true);
            return thread;
        });
        KeycloakSessionFactory factory = scheduler.factory();
        scheduler.clusterWide(new ScheduledTask() {
            @Override
            public void run(KeycloakSession session) {
                for (Due due : dueRealms(session, intervalOverride)) {
                    if (running.add(due.realmId())) {
                        workers.submit(() -> sync(factory, due, retry, slice));
                    }
                }
            }

            @Override
            public String getTaskName() {
                return TASK_NAME;
            }
        }, check);
    }

    private record Due(String realmId, String source, long intervalMillis) {
    }

    private static List<Due> dueRealms(KeycloakSession session, Long intervalOverride) {
        List<Due> due = new java.util.ArrayList<>();
        for (String id : session.getProvider(RealmConfigProvider.class).getConfiguredRealmIds()) {
            RealmModel realm = session.realms().getRealm(id);
            BitLockerConfig config = realm == null ? null : new RealmConfigStore(session, realm).load();
            if (config != null && config.enabled) {
                SynchronisedKeySource.of(session.getKeycloakSessionFactory(), config.keySource).ifPresent(source ->
                        due.add(new Due(id, config.keySource, intervalOverride != null ? intervalOverride * 1000L
                                : source.syncIntervalMillis(config))));
            }
        }
        return due;
    }

    private void sync(KeycloakSessionFactory factory, Due due, long retry, long slice) {
        try {
            SynchronisedKeySource source = SynchronisedKeySource.of(factory, due.source()).orElse(null);
            if (source == null) {
                return;
            }
            int lease = (int) (slice / 1000L) + 60;
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(ClusterProvider.class)
                    .executeIfNotExecuted(TASK_NAME + "::" + due.realmId(), lease, () -> {
                        source.synchronise(factory, due.realmId(), due.intervalMillis(), retry, slice);
                        return null;
                    }));
        } catch (RuntimeException e) {
            LOG.warnf("The metadata sync of realm %s failed: %s", due.realmId(), e.toString());
        } finally {
            running.remove(due.realmId());
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    @Override
    public String getId() {
        return "metadata-sync";
    }
}
