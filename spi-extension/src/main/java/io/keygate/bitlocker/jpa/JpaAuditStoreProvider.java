package io.keygate.bitlocker.jpa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;

import io.keygate.bitlocker.jpa.entity.AuditChainEntity;
import io.keygate.bitlocker.jpa.entity.AuditEntryEntity;
import io.keygate.bitlocker.jpa.entity.ForwardingCursorEntity;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.AuditFilter;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.model.AuditStoreProvider;
import io.keygate.bitlocker.model.ChainHead;
import io.keygate.bitlocker.model.ForwardingCursor;
import io.keygate.bitlocker.model.ReleaseRequest.TicketRef;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The audit log in {@code BLK_AUDIT_ENTRY} and its head in {@code BLK_AUDIT_CHAIN}. Appenders lock
 * the head row ({@code SELECT … FOR UPDATE}), which serialises them across nodes.
 */
public class JpaAuditStoreProvider implements AuditStoreProvider {

    private static final Logger LOG = Logger.getLogger(JpaAuditStoreProvider.class);
    private static final int STREAM_BATCH = 500;
    /** An entry's columns in the order {@link #toModel(Object[])} reads them. */
    private static final String COLUMNS = "e.id, e.realmId, e.seq, e.time, e.action, e.outcome, e.code, e.actorUserId,"
            + " e.actorUsername, e.clientId, e.ipAddress, e.userAgent, e.source, e.deviceId, e.deviceName, e.keyId,"
            + " e.ticketSystem, e.ticketKey, e.ticketId, e.ticketUrl, e.ticketStatus, e.ticketType, e.reason, e.acr,"
            + " e.approvalRequestId, e.approverUserId, e.approverUsername, e.keyPackage, e.campaignId, e.prevHash, e.hash";

    private final KeycloakSession session;
    private final EntityManager em;
    private AuditChainEntity lockedHead;

    public JpaAuditStoreProvider(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    @Override
    public ChainHead lockHead(RealmModel realm) {
        // This transaction's other writes go first: the lock then covers the chain's own rows and the commit only.
        em.flush();
        AuditChainEntity head = em.find(AuditChainEntity.class, realm.getId(), LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            createHead(realm.getId());
            head = em.find(AuditChainEntity.class, realm.getId(), LockModeType.PESSIMISTIC_WRITE);
            if (head == null) {
                throw new ModelException("realm " + realm.getId() + " was removed: nothing more is written for it");
            }
        }
        lockedHead = head;
        return new ChainHead(head.getLastSeq(), head.getLastHash());
    }

    /**
     * Creates the chain head in its own transaction; losing the race to another node is fine. Not for a realm
     * Keycloak no longer has: its removal deleted the head under its lock (RealmDataCleanup), and rows written
     * after that would outlive the realm.
     */
    private void createHead(String realmId) {
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                EntityManager other = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                if (other.find(AuditChainEntity.class, realmId) == null && realmExists(other, realmId)) {
                    AuditChainEntity head = new AuditChainEntity();
                    head.setRealmId(realmId);
                    head.setLastSeq(0);
                    head.setLastHash(ChainHead.GENESIS);
                    other.persist(head);
                }
            });
        } catch (PersistenceException | ModelException e) {
            LOG.debugf("audit chain head of realm %s created concurrently: %s", realmId, e.getMessage());
        }
    }

    @Override
    public ChainHead getHead(RealmModel realm) {
        AuditChainEntity head = em.find(AuditChainEntity.class, realm.getId());
        return head == null ? new ChainHead(0, ChainHead.GENESIS) : new ChainHead(head.getLastSeq(), head.getLastHash());
    }

    @Override
    public void append(RealmModel realm, AuditEntry entry) {
        appendAll(realm, List.of(entry));
    }

    @Override
    public void appendAll(RealmModel realm, List<AuditEntry> entries) {
        AuditChainEntity head = lockedHead;
        if (head == null || !head.getRealmId().equals(realm.getId())) {
            throw new IllegalStateException("an entry is appended only right after locking the chain head");
        }
        for (AuditEntry entry : entries) {
            if (head.getLastSeq() + 1 != entry.seq()) {
                throw new IllegalStateException("an entry is appended only right after locking the chain head");
            }
            em.persist(toEntity(realm.getId(), entry));
            head.setLastSeq(entry.seq());
            head.setLastHash(entry.hash());
        }
        em.flush();
    }

    @Override
    public List<AuditEntry> search(RealmModel realm, AuditFilter filter, int max) {
        return query(realm, filter, filter.afterSeq(), max).getResultList().stream()
                .map(JpaAuditStoreProvider::toModel).toList();
    }

    @Override
    public void forEach(RealmModel realm, AuditFilter filter, Consumer<AuditEntry> consumer) {
        Long after = filter.afterSeq();
        while (true) {
            List<Object[]> batch = query(realm, filter, after, STREAM_BATCH).getResultList();
            for (Object[] row : batch) {
                AuditEntry e = toModel(row);
                consumer.accept(e);
                after = e.seq();
            }
            if (batch.size() < STREAM_BATCH) {
                return;
            }
        }
    }

    @Override
    public List<AuditEntry> chain(RealmModel realm, long afterSeq, int max) {
        // Columns, not entities (as for every read of entries): verify walks millions of rows.
        return em.createQuery("select " + COLUMNS + " from AuditEntryEntity e where e.realmId = :realm and e.seq > :after"
                        + " order by e.seq", Object[].class)
                .setParameter("realm", realm.getId()).setParameter("after", afterSeq).setMaxResults(max)
                .getResultStream().map(JpaAuditStoreProvider::toModel).toList();
    }

    @Override
    public ForwardingCursor lockCursor(RealmModel realm, String sink) {
        ForwardingCursorEntity.Key key = new ForwardingCursorEntity.Key(realm.getId(), sink);
        ForwardingCursorEntity row = em.find(ForwardingCursorEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            createCursor(realm.getId(), sink);
            row = em.find(ForwardingCursorEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                throw new ModelException("realm " + realm.getId() + " was removed: nothing more is written for it");
            }
        }
        return cursor(row);
    }

    /** Creates a sink's cursor at the log's start in its own transaction; losing the race to another node is fine. */
    private void createCursor(String realmId, String sink) {
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                EntityManager other = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                if (other.find(ForwardingCursorEntity.class, new ForwardingCursorEntity.Key(realmId, sink)) == null
                        && realmExists(other, realmId)) {
                    ForwardingCursorEntity row = new ForwardingCursorEntity();
                    row.setRealmId(realmId);
                    row.setSink(sink);
                    other.persist(row);
                }
            });
        } catch (PersistenceException | ModelException e) {
            LOG.debugf("forwarding cursor %s of realm %s created concurrently: %s", sink, realmId, e.getMessage());
        }
    }

    /** Whether Keycloak still has the realm (committed: a removal in progress still shows it). */
    private static boolean realmExists(EntityManager em, String realmId) {
        return em.createQuery("select count(r) from RealmEntity r where r.id = :id", Long.class).setParameter("id", realmId)
                .getSingleResult() > 0;
    }

    @Override
    public void saveCursor(RealmModel realm, ForwardingCursor c) {
        ForwardingCursorEntity row = em.find(ForwardingCursorEntity.class, new ForwardingCursorEntity.Key(realm.getId(), c.sink()));
        row.setLastSeq(c.lastSeq());
        row.setFailingSince(c.failingSince());
        row.setAttempts(c.attempts());
        row.setNextAttemptAt(c.nextAttemptAt());
        row.setFailureAuditedAt(c.failureAuditedAt());
        String error = c.lastError();
        row.setLastError(error != null && error.length() > 1024 ? error.substring(0, 1024) : error);
        em.flush();
    }

    @Override
    public List<ForwardingCursor> getCursors(RealmModel realm) {
        return em.createQuery("select c from ForwardingCursorEntity c where c.realmId = :realm", ForwardingCursorEntity.class)
                .setParameter("realm", realm.getId()).getResultList().stream().map(JpaAuditStoreProvider::cursor).toList();
    }

    private static ForwardingCursor cursor(ForwardingCursorEntity row) {
        return new ForwardingCursor(row.getSink(), row.getLastSeq(), row.getFailingSince(), row.getAttempts(),
                row.getNextAttemptAt(), row.getFailureAuditedAt(), row.getLastError());
    }

    @Override
    public long countActions(RealmModel realm, String userId, AuditAction action, long since, int atMost) {
        return boundedCount("e.action = :action", atMost, realm, userId, action, since);
    }

    @Override
    public long countReleases(RealmModel realm, String userId, boolean underCampaign, long since, int atMost) {
        return boundedCount("e.action = :action and e.campaignId is " + (underCampaign ? "not null" : "null"), atMost, realm,
                userId, AuditAction.KEY_REVEALED, since);
    }

    /**
     * The user's entries of the hour that {@code condition} names, counted in the database up to {@code atMost} (the limit
     * asked about): the (realm, user, action, time) index is read no further than that, and one number comes back where
     * a count(*) would visit every entry of the hour and a list of them would carry each over the connection. The hour's
     * start is given as a bound of that index's columns together, which only that index can seek with: given as
     * {@code time >= since} alone, PostgreSQL took the (realm, time) index for a realm its statistics did not know yet and
     * read every entry of the hour — during a first sync, a hundred thousand devices' — for each count.
     */
    private long boundedCount(String condition, int atMost, RealmModel realm, String userId, AuditAction action, long since) {
        return em.createQuery("select count(*) from (select e.time as time from AuditEntryEntity e where e.realmId = :realm"
                        + " and e.actorUserId = :user and " + condition
                        + " and (e.realmId, e.actorUserId, e.action, e.time) >= (:realm, :user, :action, :since)"
                        + " order by e.time limit :atMost) bounded", Long.class)
                .setParameter("realm", realm.getId()).setParameter("user", userId)
                .setParameter("action", action.name()).setParameter("since", since).setParameter("atMost", atMost)
                .getSingleResult();
    }

    @Override
    public List<String> devicesReleasedUnder(RealmModel realm, String ticketSystem, String ticketId, String ticketKey,
            String deviceFirst, int atMost) {
        // One bounded statement over the ticket's entries (a handful): grouped by device, the asked-about one first.
        String identity = ticketId == null ? "e.ticketKey = :ticket and e.ticketId is null"
                : "(e.ticketId = :id or (e.ticketKey = :ticket and e.ticketId is null))";
        TypedQuery<String> query = em.createQuery("select e.deviceId from AuditEntryEntity e where e.realmId = :realm"
                        + " and e.action = :action and e.ticketSystem = :system and " + identity
                        + " and e.campaignId is null"   // a campaign's releases do not count toward its ticket's limit
                        + " group by e.deviceId order by case when e.deviceId = :first then 0 else 1 end, e.deviceId",
                        String.class)
                .setParameter("realm", realm.getId()).setParameter("action", AuditAction.KEY_REVEALED.name())
                .setParameter("system", ticketSystem).setParameter("ticket", ticketKey)
                .setParameter("first", deviceFirst).setMaxResults(atMost);
        if (ticketId != null) {
            query.setParameter("id", ticketId);
        }
        return query.getResultList();
    }

    /** Rows of {@link #COLUMNS}: entries are read, never changed, so none of them needs a managed entity. */
    private TypedQuery<Object[]> query(RealmModel realm, AuditFilter f, Long beforeSeq, int limit) {
        StringBuilder jpql = new StringBuilder("select " + COLUMNS + " from AuditEntryEntity e where e.realmId = :realm");
        Map<String, Object> p = new HashMap<>();
        p.put("realm", realm.getId());
        if (f.deviceId() != null) {
            jpql.append(" and e.deviceId = :device");
            p.put("device", f.deviceId());
        }
        if (f.actor() != null) {
            jpql.append(" and e.actorUsername = :actor");
            p.put("actor", f.actor());
        }
        if (f.action() != null) {
            jpql.append(" and e.action = :action");
            p.put("action", f.action().name());
        }
        if (f.outcome() != null) {
            jpql.append(" and e.outcome = :outcome");
            p.put("outcome", f.outcome().name());
        }
        if (f.ticket() != null) {
            jpql.append(" and e.ticketKey = :ticket");
            p.put("ticket", f.ticket());
        }
        if (f.fromMillis() != null) {
            jpql.append(" and e.time >= :from");
            p.put("from", f.fromMillis());
        }
        if (f.toMillis() != null) {
            jpql.append(" and e.time <= :to");
            p.put("to", f.toMillis());
        }
        if (beforeSeq != null) {
            jpql.append(" and e.seq < :before");
            p.put("before", beforeSeq);
        }
        jpql.append(" order by e.seq desc");
        TypedQuery<Object[]> q = em.createQuery(jpql.toString(), Object[].class).setMaxResults(limit);
        p.forEach(q::setParameter);
        return q;
    }

    @Override
    public void close() {
    }

    /** A stored row as the model's value: the flat ticket and approval columns become their records. */
    public static AuditEntry toModel(AuditEntryEntity e) {
        return toModel(new Object[] {e.getId(), e.getRealmId(), e.getSeq(), e.getTime(), e.getAction(), e.getOutcome(),
                e.getCode(), e.getActorUserId(), e.getActorUsername(), e.getClientId(), e.getIpAddress(), e.getUserAgent(),
                e.getSource(), e.getDeviceId(), e.getDeviceName(), e.getKeyId(), e.getTicketSystem(), e.getTicketKey(),
                e.getTicketId(), e.getTicketUrl(), e.getTicketStatus(), e.getTicketType(), e.getReason(), e.getAcr(),
                e.getApprovalRequestId(), e.getApproverUserId(), e.getApproverUsername(), e.getKeyPackage(),
                e.getCampaignId(), e.getPrevHash(), e.getHash()});
    }

    /** A row of {@link #COLUMNS} as the model's value. */
    private static AuditEntry toModel(Object[] r) {
        TicketRef ticket = allNull(r, 16, 22) ? null
                : new TicketRef(text(r[16]), text(r[17]), text(r[18]), text(r[19]), text(r[20]), text(r[21]));
        AuditEntry.Approval approval = allNull(r, 24, 27) ? null
                : new AuditEntry.Approval(text(r[24]), text(r[25]), text(r[26]));
        return new AuditEntry(text(r[0]), text(r[1]), (Long) r[2], (Long) r[3], parse(AuditAction.class, r[4]),
                parse(AuditOutcome.class, r[5]), text(r[6]),
                new AuditEntry.Actor(text(r[7]), text(r[8]), text(r[9]), text(r[10]), text(r[11])),
                parse(AuditSource.class, r[12]), text(r[13]), text(r[14]), text(r[15]), ticket, text(r[22]), text(r[23]),
                approval, (Boolean) r[27], text(r[28]), text(r[29]), text(r[30]));
    }

    private static boolean allNull(Object[] row, int from, int to) {
        for (int i = from; i < to; i++) {
            if (row[i] != null) {
                return false;
            }
        }
        return true;
    }

    private static String text(Object column) {
        return (String) column;
    }

    /** A new row with every member of {@code entry}, in {@code realmId}. */
    public static AuditEntryEntity toEntity(String realmId, AuditEntry entry) {
        AuditEntryEntity e = new AuditEntryEntity();
        e.setRealmId(realmId);
        e.setId(entry.id());
        e.setSeq(entry.seq());
        e.setTime(entry.time());
        e.setAction(entry.action().name());
        e.setOutcome(entry.outcome().name());
        e.setCode(entry.code());
        e.setActorUserId(entry.actor().userId());
        e.setActorUsername(entry.actor().username());
        e.setClientId(entry.actor().clientId());
        e.setSource(entry.source().name());
        e.setIpAddress(entry.actor().ipAddress());
        e.setUserAgent(entry.actor().userAgent());
        e.setDeviceId(entry.deviceId());
        e.setDeviceName(entry.deviceName());
        e.setKeyId(entry.keyId());
        TicketRef ticket = entry.ticket();
        if (ticket != null) {
            e.setTicketSystem(ticket.system());
            e.setTicketKey(ticket.key());
            e.setTicketUrl(ticket.url());
            e.setTicketStatus(ticket.status());
            e.setTicketType(ticket.type());
            e.setTicketId(ticket.id());
        }
        e.setReason(entry.reason());
        if (entry.approval() != null) {
            e.setApprovalRequestId(entry.approval().requestId());
            e.setApproverUserId(entry.approval().approverUserId());
            e.setApproverUsername(entry.approval().approverUsername());
        }
        e.setAcr(entry.acr());
        e.setKeyPackage(entry.keyPackage());
        e.setCampaignId(entry.campaignId());
        e.setPrevHash(entry.prevHash());
        e.setHash(entry.hash());
        return e;
    }

    /**
     * A stored enum column; {@code null} for a value no version writes (a row changed behind the log's
     * back, which verification then reports because the hash no longer matches).
     */
    private static <E extends Enum<E>> E parse(Class<E> type, Object stored) {
        if (stored == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, (String) stored);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
