package io.keygate.bitlocker.audit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import io.keygate.bitlocker.device.DeviceRepresentations;
import io.keygate.bitlocker.jpa.AuditEntryEntity;

/** Filtered reads of a realm's audit log, newest first, keyset-paged on the chain position. */
public class AuditQuery {

    private static final int STREAM_BATCH = 500;

    private final EntityManager em;
    private final String realmId;

    public AuditQuery(EntityManager em, String realmId) {
        this.em = em;
        this.realmId = realmId;
    }

    public List<AuditEntryEntity> page(AuditFilter filter, int max) {
        return query(filter, filter.afterSeq(), max + 1).getResultList();
    }

    /** Every matching entry, in batches; each batch is detached once handed over, so memory stays flat. */
    public void forEach(AuditFilter filter, Consumer<AuditEntryEntity> consumer) {
        Long after = filter.afterSeq();
        while (true) {
            List<AuditEntryEntity> batch = query(filter, after, STREAM_BATCH).getResultList();
            for (AuditEntryEntity e : batch) {
                consumer.accept(e);
                em.detach(e);
                after = e.getSeq();
            }
            if (batch.size() < STREAM_BATCH) {
                return;
            }
        }
    }

    private TypedQuery<AuditEntryEntity> query(AuditFilter f, Long beforeSeq, int limit) {
        StringBuilder jpql = new StringBuilder("select e from AuditEntryEntity e where e.realmId = :realm");
        Map<String, Object> p = new HashMap<>();
        p.put("realm", realmId);
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
        TypedQuery<AuditEntryEntity> q = em.createQuery(jpql.toString(), AuditEntryEntity.class)
                .setMaxResults(limit).setHint("org.hibernate.readOnly", true);
        p.forEach(q::setParameter);
        return q;
    }

    /** The {@code AuditEntry} shape of SPEC §5. */
    public static Map<String, Object> representation(AuditEntryEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.getId());
        m.put("time", DeviceRepresentations.iso(e.getTime()));
        m.put("action", e.getAction());
        m.put("outcome", e.getOutcome());
        putIfPresent(m, "code", e.getCode());
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("userId", e.getActorUserId());
        actor.put("username", e.getActorUsername());
        m.put("actor", actor);
        m.put("clientId", e.getClientId());
        m.put("source", e.getSource());
        m.put("ipAddress", e.getIpAddress());
        m.put("userAgent", e.getUserAgent());
        putIfPresent(m, "deviceId", e.getDeviceId());
        putIfPresent(m, "deviceName", e.getDeviceName());
        putIfPresent(m, "keyId", e.getKeyId());
        if (e.getTicketKey() == null) {
            m.put("ticket", null);
        } else {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("system", e.getTicketSystem());
            t.put("key", e.getTicketKey());
            t.put("url", e.getTicketUrl());
            t.put("status", e.getTicketStatus());
            t.put("type", e.getTicketType());
            m.put("ticket", t);
        }
        putIfPresent(m, "reason", e.getReason());
        putIfPresent(m, "acr", e.getAcr());
        m.put("prevHash", e.getPrevHash());
        m.put("hash", e.getHash());
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
