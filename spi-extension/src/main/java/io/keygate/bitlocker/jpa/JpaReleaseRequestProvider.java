package io.keygate.bitlocker.jpa;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import io.keygate.bitlocker.jpa.entity.ReleaseRequestEntity;
import io.keygate.bitlocker.model.PageCursor;
import io.keygate.bitlocker.model.ReleaseRequest;
import io.keygate.bitlocker.model.ReleaseRequestProvider;
import io.keygate.bitlocker.model.ReleaseRequestStatus;
import org.keycloak.models.RealmModel;

/**
 * Release requests in {@code BLK_RELEASE_REQUEST}. A transition is one conditional {@code UPDATE … WHERE
 * status = :from}: the database decides which of two concurrent approvers (or users of one approval)
 * wins, on one node or several.
 */
public class JpaReleaseRequestProvider implements ReleaseRequestProvider {

    private final EntityManager em;

    public JpaReleaseRequestProvider(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(RealmModel realm, ReleaseRequest r) {
        ReleaseRequestEntity e = new ReleaseRequestEntity();
        e.setId(r.id());
        e.setRealmId(realm.getId());
        e.setDeviceId(r.deviceId());
        e.setDeviceName(r.deviceName());
        e.setKeyId(r.keyId());
        e.setRequesterId(r.requesterId());
        e.setRequesterUsername(r.requesterUsername());
        e.setRoute(r.route());
        if (r.ticket() != null) {
            e.setTicketSystem(r.ticket().system());
            e.setTicketKey(r.ticket().key());
            e.setTicketId(r.ticket().id());
            e.setTicketUrl(r.ticket().url());
            e.setTicketStatus(r.ticket().status());
            e.setTicketType(r.ticket().type());
        }
        e.setReason(r.reason());
        e.setBreakGlass(r.breakGlass());
        e.setStatus(r.status().name());
        e.setCreatedAt(r.createdAt());
        e.setExpiresAt(r.expiresAt());
        em.persist(e);
        em.flush();
    }

    @Override
    public ReleaseRequest get(RealmModel realm, String id) {
        List<ReleaseRequestEntity> found = em.createQuery("select r from ReleaseRequestEntity r where r.id = :id"
                        + " and r.realmId = :realm", ReleaseRequestEntity.class)
                .setParameter("id", id).setParameter("realm", realm.getId()).getResultList();
        if (found.isEmpty()) {
            return null;
        }
        em.refresh(found.get(0)); // another transaction may have moved it since this session first read it
        return toModel(found.get(0));
    }

    @Override
    public List<ReleaseRequest> search(RealmModel realm, String requesterId, ReleaseRequestStatus status, PageCursor after,
            int max) {
        StringBuilder jpql = new StringBuilder("select r from ReleaseRequestEntity r where r.realmId = :realm");
        if (requesterId != null) {
            jpql.append(" and r.requesterId = :requester");
        }
        if (status != null) {
            jpql.append(" and r.status = :status");
        }
        if (after != null) {
            jpql.append(" and (r.createdAt < :afterTime or (r.createdAt = :afterTime and r.id < :afterId))");
        }
        jpql.append(" order by r.createdAt desc, r.id desc");
        TypedQuery<ReleaseRequestEntity> query = em.createQuery(jpql.toString(), ReleaseRequestEntity.class)
                .setParameter("realm", realm.getId());
        if (requesterId != null) {
            query.setParameter("requester", requesterId);
        }
        if (status != null) {
            query.setParameter("status", status.name());
        }
        if (after != null) {
            query.setParameter("afterTime", Long.parseLong(after.first())).setParameter("afterId", after.second());
        }
        return query.setMaxResults(max + 1).getResultList().stream().map(JpaReleaseRequestProvider::toModel).toList();
    }

    @Override
    public boolean transition(RealmModel realm, String id, ReleaseRequestStatus from, ReleaseRequest.Transition t) {
        StringBuilder jpql = new StringBuilder("update ReleaseRequestEntity r set r.status = :to");
        if (t.at() != null) {
            jpql.append(", r.decidedById = :by, r.decidedByUsername = :byName, r.decidedAt = :at, r.decisionReason = :why");
        }
        if (t.expiresAt() != null) {
            jpql.append(", r.expiresAt = :expires");
        }
        jpql.append(" where r.id = :id and r.realmId = :realm and r.status = :from");
        var update = em.createQuery(jpql.toString())
                .setParameter("to", t.to().name()).setParameter("id", id).setParameter("realm", realm.getId())
                .setParameter("from", from.name());
        if (t.at() != null) {
            update.setParameter("by", t.byId()).setParameter("byName", t.byUsername()).setParameter("at", t.at())
                    .setParameter("why", t.reason());
        }
        if (t.expiresAt() != null) {
            update.setParameter("expires", t.expiresAt());
        }
        return update.executeUpdate() == 1;
    }

    @Override
    public List<ReleaseRequest> getOverdue(long now, int max) {
        return em.createQuery("select r from ReleaseRequestEntity r where r.status in (:open) and r.expiresAt < :now"
                        + " order by r.expiresAt", ReleaseRequestEntity.class)
                .setParameter("open", List.of(ReleaseRequestStatus.PENDING.name(), ReleaseRequestStatus.APPROVED.name()))
                .setParameter("now", now).setMaxResults(max).getResultList().stream()
                .map(JpaReleaseRequestProvider::toModel).toList();
    }

    @Override
    public Map<ReleaseRequestStatus, Long> countByStatus(RealmModel realm) {
        Map<ReleaseRequestStatus, Long> counts = new EnumMap<>(ReleaseRequestStatus.class);
        for (ReleaseRequestStatus s : ReleaseRequestStatus.values()) {
            counts.put(s, 0L);
        }
        em.createQuery("select r.status, count(r) from ReleaseRequestEntity r where r.realmId = :realm group by r.status",
                        Object[].class)
                .setParameter("realm", realm.getId()).getResultList()
                .forEach(row -> counts.put(ReleaseRequestStatus.valueOf((String) row[0]), (Long) row[1]));
        return counts;
    }

    private static ReleaseRequest toModel(ReleaseRequestEntity e) {
        ReleaseRequest.TicketRef ticket = e.getTicketKey() == null ? null : new ReleaseRequest.TicketRef(e.getTicketSystem(),
                e.getTicketKey(), e.getTicketId(), e.getTicketUrl(), e.getTicketStatus(), e.getTicketType());
        return new ReleaseRequest(e.getId(), e.getRealmId(), e.getDeviceId(), e.getDeviceName(), e.getKeyId(),
                e.getRequesterId(), e.getRequesterUsername(), e.getRoute(), ticket, e.getReason(), e.isBreakGlass(),
                ReleaseRequestStatus.valueOf(e.getStatus()), e.getCreatedAt(), e.getExpiresAt(), e.getDecidedById(),
                e.getDecidedByUsername(), e.getDecidedAt(), e.getDecisionReason());
    }

    @Override
    public void close() {
    }
}
