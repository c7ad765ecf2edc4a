package io.keygate.bitlocker.notification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.keygate.bitlocker.audit.AuditCheckpoints;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.directory.EscrowHealth;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.model.AuditCheckpoint;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.EscrowStatus;
import io.keygate.bitlocker.model.RealmStateProvider;
import io.keygate.bitlocker.model.RotationModel;
import io.keygate.bitlocker.model.Transactions;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * The daily digest of the escrow attention list (SPEC §3 {@code /escrow/status}) to
 * {@code notifications.auditorEmails}, with the devices whose key was disclosed and whose rotation
 * failed or is overdue. Runs on one node of the cluster at a time; when a realm's
 * digest was last due is kept in the extension's table ({@link RealmStateProvider}), so restarts and
 * several nodes send it once per interval. Nothing is sent while no device needs attention or the realm has no SMTP server. A
 * digest that cannot be sent is logged, not retried: the next one carries the same devices.
 */
public class AttentionDigest implements ScheduledTask {

    public static final String TASK_NAME = "bitlocker-attention-digest";
    private static final long MAX_SLACK_MILLIS = 300_000L;

    private static final Logger LOG = Logger.getLogger(AttentionDigest.class);

    private final KeycloakSessionFactory factory;
    private final long intervalMillis;

    public AttentionDigest(KeycloakSessionFactory factory, long intervalMillis) {
        this.factory = factory;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }

    @Override
    public void run(KeycloakSession session) {
        List<String> realmIds = session.realms().getRealmsStream().map(RealmModel::getId).toList();
        Transactions.eachInOwnTransaction(factory, realmIds, "Attention digest of realm", this::digest);
    }

    /**
     * Whether a digest is due: an interval after the last one, less a little slack so a task that
     * looks hourly does not drift later by a run each day.
     */
    static boolean due(Long lastDueAt, long now, long intervalMillis) {
        if (lastDueAt == null) {
            return true;
        }
        long slack = Math.min(intervalMillis / 10, MAX_SLACK_MILLIS);
        return now - lastDueAt >= intervalMillis - slack;
    }

    private void digest(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        BitLockerConfig config = new RealmConfigStore(session, realm).load();
        RealmStateProvider state = session.getProvider(RealmStateProvider.class);
        long now = Time.currentTimeMillis();
        if (!config.enabled || config.notifications.auditorEmails.isEmpty() || !Mailer.smtpConfigured(realm)
                || !due(state.getDigestLastDueAt(realm), now, intervalMillis)) {
            return;
        }
        state.setDigestLastDueAt(realm, now);
        EscrowHealth health = new EscrowHealth(session, realm);
        List<DeviceModel> attention = health.attention(now);
        List<RotationModel> rotations = health.overdueRotations(now);
        // The daily checkpoint of the audit chain goes with the digest, so copies pile up outside the database.
        Optional<AuditCheckpoint> checkpoint = checkpoint(session, realm);
        if (attention.isEmpty() && rotations.isEmpty() && checkpoint.isEmpty()) {
            return;
        }
        Map<String, Object> attributes = attributes(health.counts(), attention, rotations);
        attributes.put("checkpoint", checkpoint.map(AttentionDigest::checkpointView).orElse(null));
        for (String address : Mailer.distinctAddresses(config.notifications.auditorEmails)) {
            try {
                Mailer.send(session, realm, Mailer.byAddress(session, realm, address), NotificationKind.ATTENTION_DIGEST,
                        List.of(attention.size() + rotations.size()), attributes);
                BitLockerMetrics.notification(NotificationKind.ATTENTION_DIGEST.name(), "SENT");
            } catch (EmailException | RuntimeException e) {
                BitLockerMetrics.notification(NotificationKind.ATTENTION_DIGEST.name(), "FAILED");
                LOG.warnf("Attention digest of realm %s could not be sent: %s", realm.getName(), e.getMessage());
            }
        }
    }

    private static Optional<AuditCheckpoint> checkpoint(KeycloakSession session, RealmModel realm) {
        try {
            return new AuditCheckpoints(session, realm).issueForDigest();
        } catch (RuntimeException e) {
            LOG.warnf("The digest of realm %s goes without a checkpoint: %s", realm.getName(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The template's view of the checkpoint: {@code jws}, {@code id}, {@code seq}, {@code hash}, {@code entries}. */
    static Map<String, Object> checkpointView(AuditCheckpoint c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("jws", c.jws());
        view.put("id", c.id());
        view.put("seq", Long.toString(c.seq()));
        view.put("hash", c.hash());
        view.put("entries", Long.toString(c.entries()));
        return view;
    }

    /**
     * The template's view: {@code counts.*}, {@code devices} (name, ID, status, since, owner),
     * {@code rotations} (name, ID, status, requested, by whom) and {@code capped}.
     */
    static Map<String, Object> attributes(Map<EscrowStatus, Long> counts, List<DeviceModel> attention,
            List<RotationModel> overdue) {
        Map<String, Object> countsView = new LinkedHashMap<>();
        counts.forEach((status, n) -> countsView.put(status.name(), n));
        List<Map<String, Object>> devices = new ArrayList<>();
        for (DeviceModel d : attention) {
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("deviceName", d.getName());
            device.put("deviceId", d.getId());
            device.put("status", d.getEscrowStatus().name());
            device.put("since", Mailer.time(d.getStatusSince()));
            String owner = d.getOwner() == null ? null
                    : d.getOwner().username() != null ? d.getOwner().username() : d.getOwner().email();
            device.put("owner", owner == null ? "" : owner);
            devices.add(device);
        }
        List<Map<String, Object>> rotations = new ArrayList<>();
        for (RotationModel r : overdue) {
            Map<String, Object> rotation = new LinkedHashMap<>();
            rotation.put("deviceName", r.getDevice().getName());
            rotation.put("deviceId", r.getDevice().getId());
            rotation.put("status", r.getStatus().name());
            rotation.put("requested", Mailer.time(r.getRequestedAt()));
            rotation.put("requestedBy", r.getRequestedBy() == null ? "" : r.getRequestedBy());
            rotations.add(rotation);
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("counts", countsView);
        attributes.put("devices", devices);
        attributes.put("rotations", rotations);
        attributes.put("capped", attention.size() >= EscrowHealth.ATTENTION_LIMIT
                || overdue.size() >= EscrowHealth.ATTENTION_LIMIT);
        return attributes;
    }
}
