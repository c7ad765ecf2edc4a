package io.keygate.bitlocker.scheduling;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.services.scheduled.ScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * Keycloak's timer for the extension's tasks: what changes data runs on one node of the cluster at a
 * time ({@link ClusterAwareScheduledTaskRunner}); what only reads for this node runs on every node.
 */
public final class TaskScheduler {

    private final KeycloakSessionFactory factory;
    private final TimerProvider timer;

    TaskScheduler(KeycloakSessionFactory factory, KeycloakSession session) {
        this.factory = factory;
        this.timer = session.getProvider(TimerProvider.class);
    }

    public KeycloakSessionFactory factory() {
        return factory;
    }

    /** Every {@code millis}, on one node of the cluster at a time. */
    public void clusterWide(ScheduledTask task, long millis) {
        timer.schedule(new ClusterAwareScheduledTaskRunner(factory, task, millis), millis, task.getTaskName());
    }

    /** Every {@code millis}, on every node. */
    public void everyNode(ScheduledTask task, long millis) {
        timer.schedule(new ScheduledTaskRunner(factory, task), millis, task.getTaskName());
    }
}
