package io.keygate.bitlocker.audit;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;

import io.keygate.bitlocker.jpa.AuditChainEntity;
import io.keygate.bitlocker.jpa.AuditEntryEntity;
import io.keygate.bitlocker.jpa.Transactions;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Appends to and verifies a realm's audit log. Appending locks the realm's chain head in the
 * database, so concurrent appenders on any number of nodes form one linear chain.
 */
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int VERIFY_BATCH = 500;

    private final KeycloakSession session;
    private final RealmModel realm;

    public AuditLog(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Appends within the session's current transaction; the entry is durable when it commits. */
    public AuditEntryEntity append(AuditEvent event) {
        EntityManager em = em();
        AuditChainEntity head = lockHead(em);
        AuditEntryEntity entry = new AuditEntryEntity();
        entry.setId(UUID.randomUUID().toString());
        entry.setRealmId(realm.getId());
        entry.setSeq(head.getLastSeq() + 1);
        entry.setTime(Time.currentTimeMillis());
        entry.setAction(event.action.name());
        entry.setOutcome(event.outcome.name());
        entry.setSource(event.source.name());
        entry.setCode(event.code);
        entry.setActorUserId(event.actorUserId);
        entry.setActorUsername(event.actorUsername);
        entry.setClientId(event.clientId);
        entry.setIpAddress(event.ipAddress);
        entry.setUserAgent(event.userAgent);
        entry.setDeviceId(event.deviceId);
        entry.setDeviceName(event.deviceName);
        entry.setKeyId(event.keyId);
        if (event.ticket != null) {
            entry.setTicketSystem(event.ticket.system());
            entry.setTicketKey(event.ticket.key());
            entry.setTicketUrl(event.ticket.url());
            entry.setTicketStatus(event.ticket.status());
            entry.setTicketType(event.ticket.type());
        }
        entry.setReason(event.reason);
        entry.setAcr(event.acr);
        entry.setPrevHash(head.getLastHash());
        entry.setHash(AuditChain.hash(head.getLastHash(), entry));
        em.persist(entry);
        head.setLastSeq(entry.getSeq());
        head.setLastHash(entry.getHash());
        em.flush();
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

    private AuditChainEntity lockHead(EntityManager em) {
        AuditChainEntity head = em.find(AuditChainEntity.class, realm.getId(), LockModeType.PESSIMISTIC_WRITE);
        if (head != null) {
            return head;
        }
        createHead();
        head = em.find(AuditChainEntity.class, realm.getId(), LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("audit chain head could not be created");
        }
        return head;
    }

    /** Creates the chain head in its own transaction; losing the race to another node is fine. */
    private void createHead() {
        String realmId = realm.getId();
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                if (em.find(AuditChainEntity.class, realmId) == null) {
                    AuditChainEntity head = new AuditChainEntity();
                    head.setRealmId(realmId);
                    head.setLastSeq(0);
                    head.setLastHash(AuditChain.GENESIS);
                    em.persist(head);
                }
            });
        } catch (PersistenceException | org.keycloak.models.ModelException e) {
            LOG.debugf("audit chain head of realm %s created concurrently: %s", realmId, e.getMessage());
        }
    }

    /** How many keys a user has been given since a point in time (the per-user rate limit). */
    public long releasesBy(String userId, long sinceMillis) {
        return em().createQuery("select count(e) from AuditEntryEntity e where e.realmId = :realm"
                        + " and e.actorUserId = :user and e.action = :action and e.time >= :since", Long.class)
                .setParameter("realm", realm.getId()).setParameter("user", userId)
                .setParameter("action", AuditAction.KEY_REVEALED.name()).setParameter("since", sinceMillis)
                .getSingleResult();
    }

    /** The distinct devices whose keys a ticket has released (the ticket reuse limit). */
    public List<String> devicesReleasedUnder(String ticketSystem, String ticketKey) {
        return em().createQuery("select distinct e.deviceId from AuditEntryEntity e where e.realmId = :realm"
                        + " and e.ticketKey = :ticket and e.ticketSystem = :system and e.action = :action", String.class)
                .setParameter("realm", realm.getId()).setParameter("ticket", ticketKey)
                .setParameter("system", ticketSystem).setParameter("action", AuditAction.KEY_REVEALED.name())
                .getResultList();
    }

    /** Walks the chain in batches (memory stays flat) and recomputes every hash. */
    public AuditVerification verify() {
        EntityManager em = em();
        String expectedPrev = AuditChain.GENESIS;
        long expectedSeq = 1;
        long count = 0;
        long afterSeq = 0;
        while (true) {
            List<AuditEntryEntity> batch = em.createQuery(
                            "select e from AuditEntryEntity e where e.realmId = :realm and e.seq > :after order by e.seq",
                            AuditEntryEntity.class)
                    .setParameter("realm", realm.getId())
                    .setParameter("after", afterSeq)
                    .setMaxResults(VERIFY_BATCH)
                    .setHint("org.hibernate.readOnly", true)
                    .getResultList();
            for (AuditEntryEntity e : batch) {
                count++;
                boolean intact = e.getSeq() == expectedSeq
                        && expectedPrev.equals(e.getPrevHash())
                        && AuditChain.hash(e.getPrevHash(), e).equals(e.getHash());
                if (!intact) {
                    return new AuditVerification(false, count, e.getId());
                }
                expectedPrev = e.getHash();
                expectedSeq++;
                afterSeq = e.getSeq();
                em.detach(e);
            }
            if (batch.size() < VERIFY_BATCH) {
                break;
            }
        }
        AuditChainEntity head = em.find(AuditChainEntity.class, realm.getId());
        if (head != null && (head.getLastSeq() != afterSeq || !head.getLastHash().equals(expectedPrev))) {
            // Rows were removed from the end of the chain.
            return new AuditVerification(false, count, null);
        }
        return new AuditVerification(true, count, null);
    }
}
