package io.keygate.bitlocker.jpa;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import io.keygate.bitlocker.jpa.entity.CampaignDeviceEntity;
import io.keygate.bitlocker.jpa.entity.CampaignEntity;
import io.keygate.bitlocker.model.Campaign;
import io.keygate.bitlocker.model.CampaignDevice;
import io.keygate.bitlocker.model.CampaignDeviceState;
import io.keygate.bitlocker.model.CampaignProvider;
import io.keygate.bitlocker.model.CampaignStatus;
import io.keygate.bitlocker.model.PageCursor;
import io.keygate.bitlocker.model.ReleaseRequest.TicketRef;
import io.keygate.bitlocker.model.SearchTerm;
import org.keycloak.models.RealmModel;

/**
 * Campaigns in {@code BLK_CAMPAIGN}, their devices in {@code BLK_CAMPAIGN_DEVICE}. The device list is copied
 * from {@code BLK_DEVICE} by {@code INSERT … SELECT} in slices (10,000 devices are a few statements, not 10,000),
 * progress is counted from the state index, and every change of state is one conditional update.
 */
public class JpaCampaignProvider implements CampaignProvider {

    /** IDs per {@code in} list: well under every database's limit of bound parameters. */
    private static final int SLICE = 500;
    private static final String READ_ONLY = "org.hibernate.readOnly";

    private final EntityManager em;

    public JpaCampaignProvider(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(RealmModel realm, Campaign c, Collection<String> deviceIds) {
        CampaignEntity e = new CampaignEntity();
        e.setId(c.id());
        e.setRealmId(realm.getId());
        e.setTicketSystem(c.ticket().system());
        e.setTicketKey(c.ticket().key());
        e.setTicketId(c.ticket().id());
        e.setTicketUrl(c.ticket().url());
        e.setTicketStatus(c.ticket().status());
        e.setTicketType(c.ticket().type());
        e.setReason(c.reason());
        e.setStatus(c.status().name());
        e.setRequesterId(c.requesterId());
        e.setRequesterUsername(c.requesterUsername());
        e.setCreatedAt(c.createdAt());
        e.setExpiresAt(c.expiresAt());
        e.setTicketCheckedAt(c.createdAt());
        e.setCommentedAt(0L);
        em.persist(e);
        em.flush();
        int added = 0;
        List<String> ids = List.copyOf(deviceIds);
        for (int from = 0; from < ids.size(); from += SLICE) {
            added += em.createQuery("insert into CampaignDeviceEntity (campaignId, deviceId, realmId, deviceName,"
                            + " deviceNameLower, state) select :campaign, d.deviceId, d.realmId, d.deviceName,"
                            + " d.deviceNameLower, :waiting from DeviceEntity d where d.realmId = :realm"
                            + " and d.deviceId in :ids")
                    .setParameter("campaign", c.id()).setParameter("waiting", CampaignDeviceState.WAITING.name())
                    .setParameter("realm", realm.getId())
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + SLICE))).executeUpdate();
        }
        e.setDevices(added);
        em.flush();
    }

    @Override
    public List<String> existingDevices(RealmModel realm, Collection<String> deviceIds) {
        List<String> ids = List.copyOf(deviceIds);
        List<String> found = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += SLICE) {
            found.addAll(em.createQuery("select d.deviceId from DeviceEntity d where d.realmId = :realm"
                            + " and d.deviceId in :ids", String.class)
                    .setParameter("realm", realm.getId())
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + SLICE)))
                    .setHint(READ_ONLY, true).getResultList());
        }
        return found;
    }

    @Override
    public List<String> devicesNamed(RealmModel realm, String namePrefix, int max) {
        SearchTerm name = new SearchTerm(SearchTerm.Kind.DEVICE_NAME, namePrefix.toLowerCase(java.util.Locale.ROOT));
        return em.createQuery("select d.deviceId from DeviceEntity d where d.realmId = :realm"
                        + " and d.deviceNameLower like :name escape '\\' order by d.deviceNameLower, d.deviceId", String.class)
                .setParameter("realm", realm.getId()).setParameter("name", name.likePattern())
                .setMaxResults(max).setHint(READ_ONLY, true).getResultList();
    }

    @Override
    public Campaign get(RealmModel realm, String id) {
        CampaignEntity e = find(realm, id);
        return e == null ? null : toModel(e);
    }

    private CampaignEntity find(RealmModel realm, String id) {
        List<CampaignEntity> found = em.createQuery("select c from CampaignEntity c where c.id = :id"
                        + " and c.realmId = :realm", CampaignEntity.class)
                .setParameter("id", id).setParameter("realm", realm.getId()).getResultList();
        if (found.isEmpty()) {
            return null;
        }
        em.refresh(found.get(0)); // another transaction (or node) may have moved it since this session first read it
        return found.get(0);
    }

    @Override
    public List<Campaign> search(RealmModel realm, CampaignStatus status, PageCursor after, int max) {
        StringBuilder jpql = new StringBuilder("select c.id from CampaignEntity c where c.realmId = :realm");
        if (status != null) {
            jpql.append(" and c.status = :status");
        }
        if (after != null) {
            jpql.append(" and (c.createdAt < :afterTime or (c.createdAt = :afterTime and c.id < :afterId))");
        }
        jpql.append(" order by c.createdAt desc, c.id desc");
        TypedQuery<String> query = em.createQuery(jpql.toString(), String.class).setParameter("realm", realm.getId());
        if (status != null) {
            query.setParameter("status", status.name());
        }
        if (after != null) {
            query.setParameter("afterTime", Long.parseLong(after.first())).setParameter("afterId", after.second());
        }
        return query.setMaxResults(max + 1).getResultList().stream().map(id -> get(realm, id)).toList();
    }

    @Override
    public boolean transition(RealmModel realm, String id, CampaignStatus from, Campaign.Transition t) {
        boolean decision = t.to() == CampaignStatus.ACTIVE || t.to() == CampaignStatus.REJECTED;
        StringBuilder jpql = new StringBuilder("update CampaignEntity c set c.status = :to");
        if (decision) {
            jpql.append(", c.decidedById = :by, c.decidedByUsername = :byName, c.decidedAt = :at");
        }
        if (t.to() == CampaignStatus.ACTIVE) {
            // The summaries' hours count from the approval: the first one covers the campaign's first hour.
            jpql.append(", c.commentedAt = :at");
        }
        if (t.reason() != null) {
            jpql.append(", c.closeReason = :why");
        }
        if (t.expiresAt() != null) {
            jpql.append(", c.expiresAt = :expires");
        }
        jpql.append(" where c.id = :id and c.realmId = :realm and c.status = :from");
        var update = em.createQuery(jpql.toString()).setParameter("to", t.to().name()).setParameter("id", id)
                .setParameter("realm", realm.getId()).setParameter("from", from.name());
        if (decision) {
            update.setParameter("by", t.byId()).setParameter("byName", t.byUsername()).setParameter("at", t.at());
        }
        if (t.reason() != null) {
            update.setParameter("why", t.reason());
        }
        if (t.expiresAt() != null) {
            update.setParameter("expires", t.expiresAt());
        }
        return update.executeUpdate() == 1;
    }

    @Override
    public CampaignDeviceState deviceState(RealmModel realm, String campaignId, String deviceId) {
        List<String> state = em.createQuery("select cd.state from CampaignDeviceEntity cd where cd.campaignId = :c"
                        + " and cd.deviceId = :d and cd.realmId = :realm", String.class)
                .setParameter("c", campaignId).setParameter("d", deviceId).setParameter("realm", realm.getId())
                .getResultList();
        return state.isEmpty() ? null : CampaignDeviceState.valueOf(state.get(0));
    }

    @Override
    public List<CampaignDevice> devices(RealmModel realm, String campaignId, CampaignDeviceState state, SearchTerm search,
            PageCursor after, int max) {
        StringBuilder jpql = new StringBuilder("select cd from CampaignDeviceEntity cd where cd.campaignId = :c"
                + " and cd.realmId = :realm");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("c", campaignId);
        params.put("realm", realm.getId());
        if (state != null) {
            jpql.append(" and cd.state = :state");
            params.put("state", state.name());
        }
        if (search != null && search.kind() == SearchTerm.Kind.DEVICE_NAME) {
            jpql.append(" and cd.deviceNameLower like :name escape '\\'");
            params.put("name", search.likePattern());
        }
        if (search != null && search.kind() == SearchTerm.Kind.KEY_ID) {
            // The keys first (index seek on the hex prefix), then whether the campaign lists their devices.
            jpql.append(" and cd.deviceId in (select k.device.deviceId from RecoveryKeyEntity k where k.realmId = :realm"
                    + " and k.keyIdHex >= :hexFrom and k.keyIdHex < :hexTo and k.keyIdHex like :hex escape '\\')");
            params.put("hexFrom", search.prefix());
            params.put("hexTo", search.upperBound());
            params.put("hex", search.likePattern());
        }
        if (after != null) {
            jpql.append(" and (cd.deviceNameLower > :afterName or (cd.deviceNameLower = :afterName"
                    + " and cd.deviceId > :afterId))");
            params.put("afterName", after.first());
            params.put("afterId", after.second());
        }
        jpql.append(" order by cd.deviceNameLower, cd.deviceId");
        TypedQuery<CampaignDeviceEntity> query = em.createQuery(jpql.toString(), CampaignDeviceEntity.class)
                .setMaxResults(max + 1).setHint(READ_ONLY, true);
        params.forEach(query::setParameter);
        return query.getResultList().stream().map(JpaCampaignProvider::toModel).toList();
    }

    @Override
    public void markRevealed(RealmModel realm, String campaignId, String deviceId, long at) {
        boolean first = em.createQuery("update CampaignDeviceEntity cd set cd.state = :revealed, cd.revealedAt = :at"
                        + " where cd.campaignId = :c and cd.deviceId = :d and cd.state = :waiting")
                .setParameter("revealed", CampaignDeviceState.REVEALED.name()).setParameter("at", at)
                .setParameter("c", campaignId).setParameter("d", deviceId)
                .setParameter("waiting", CampaignDeviceState.WAITING.name()).executeUpdate() == 1;
        if (first) {
            em.createQuery("update CampaignEntity c set c.revealedDevices = c.revealedDevices + 1 where c.id = :c")
                    .setParameter("c", campaignId).executeUpdate();
        }
    }

    @Override
    public void markRotated(RealmModel realm, String deviceId, long at) {
        List<String> campaigns = em.createQuery("select cd.campaignId from CampaignDeviceEntity cd"
                        + " where cd.realmId = :realm and cd.deviceId = :d and cd.state = :revealed", String.class)
                .setParameter("realm", realm.getId()).setParameter("d", deviceId)
                .setParameter("revealed", CampaignDeviceState.REVEALED.name()).getResultList();
        if (campaigns.isEmpty()) {
            return;
        }
        em.createQuery("update CampaignDeviceEntity cd set cd.state = :rotated, cd.rotatedAt = :at"
                        + " where cd.campaignId in :campaigns and cd.deviceId = :d and cd.state = :revealed")
                .setParameter("rotated", CampaignDeviceState.ROTATED.name()).setParameter("at", at)
                .setParameter("campaigns", campaigns).setParameter("d", deviceId)
                .setParameter("revealed", CampaignDeviceState.REVEALED.name()).executeUpdate();
        em.createQuery("update CampaignEntity c set c.rotatedDevices = c.rotatedDevices + 1 where c.id in :campaigns")
                .setParameter("campaigns", campaigns).executeUpdate();
    }

    @Override
    public boolean claimTicketCheck(RealmModel realm, String campaignId, long checkedBefore, long now) {
        return em.createQuery("update CampaignEntity c set c.ticketCheckedAt = :now where c.id = :id"
                        + " and c.realmId = :realm and c.ticketCheckedAt < :before")
                .setParameter("now", now).setParameter("id", campaignId).setParameter("realm", realm.getId())
                .setParameter("before", checkedBefore).executeUpdate() == 1;
    }

    @Override
    public void releaseTicketCheck(RealmModel realm, String campaignId) {
        em.createQuery("update CampaignEntity c set c.ticketCheckedAt = 0 where c.id = :id and c.realmId = :realm")
                .setParameter("id", campaignId).setParameter("realm", realm.getId()).executeUpdate();
    }

    @Override
    public CommentClaim claimComment(RealmModel realm, String campaignId, long commentedBefore, long now, int maxNames) {
        CampaignEntity e = find(realm, campaignId);
        if (e == null || e.getCommentedAt() >= commentedBefore) {
            return null;
        }
        long since = e.getCommentedAt();
        long released = em.createQuery("select count(cd) from CampaignDeviceEntity cd where cd.campaignId = :c"
                        + " and cd.revealedAt > :from and cd.revealedAt <= :to", Long.class)
                .setParameter("c", campaignId).setParameter("from", since).setParameter("to", now).getSingleResult();
        if (released == 0) {
            return null;
        }
        boolean claimed = em.createQuery("update CampaignEntity c set c.commentedAt = :now where c.id = :id"
                        + " and c.commentedAt = :last")
                .setParameter("now", now).setParameter("id", campaignId).setParameter("last", since)
                .executeUpdate() == 1;
        if (!claimed) {
            return null;
        }
        List<CampaignDevice> newest = em.createQuery("select cd from CampaignDeviceEntity cd where cd.campaignId = :c"
                        + " and cd.revealedAt > :from and cd.revealedAt <= :to order by cd.revealedAt desc",
                        CampaignDeviceEntity.class)
                .setParameter("c", campaignId).setParameter("from", since).setParameter("to", now)
                .setMaxResults(maxNames).setHint(READ_ONLY, true).getResultList().stream()
                .map(JpaCampaignProvider::toModel).toList();
        return new CommentClaim(since, released, newest);
    }

    @Override
    public List<Campaign> getOpen(int max) {
        return em.createQuery("select c from CampaignEntity c where c.status in (:open) order by c.expiresAt",
                        CampaignEntity.class)
                .setParameter("open", List.of(CampaignStatus.PENDING.name(), CampaignStatus.ACTIVE.name()))
                .setMaxResults(max).setHint(READ_ONLY, true).getResultList().stream()
                .map(JpaCampaignProvider::toModel).toList();
    }

    @Override
    public List<Campaign> getUncommented(int max) {
        return em.createQuery("select c from CampaignEntity c where c.status in (:closed) and exists (select cd"
                        + " from CampaignDeviceEntity cd where cd.campaignId = c.id and cd.revealedAt > c.commentedAt)",
                        CampaignEntity.class)
                .setParameter("closed", List.of(CampaignStatus.CLOSED.name(), CampaignStatus.EXPIRED.name()))
                .setMaxResults(max).setHint(READ_ONLY, true).getResultList().stream()
                .map(JpaCampaignProvider::toModel).toList();
    }

    @Override
    public Map<String, Long> waitingByActiveCampaign(RealmModel realm) {
        Map<String, Long> waiting = new LinkedHashMap<>();
        em.createQuery("select cd.campaignId, count(cd) from CampaignDeviceEntity cd, CampaignEntity c"
                        + " where c.id = cd.campaignId and c.realmId = :realm and c.status = :active"
                        + " and cd.state = :waiting group by cd.campaignId", Object[].class)
                .setParameter("realm", realm.getId()).setParameter("active", CampaignStatus.ACTIVE.name())
                .setParameter("waiting", CampaignDeviceState.WAITING.name()).getResultList()
                .forEach(row -> waiting.put((String) row[0], (Long) row[1]));
        return waiting;
    }

    private static Campaign toModel(CampaignEntity e) {
        TicketRef ticket = new TicketRef(e.getTicketSystem(), e.getTicketKey(), e.getTicketId(), e.getTicketUrl(),
                e.getTicketStatus(), e.getTicketType());
        return new Campaign(e.getId(), e.getRealmId(), ticket, e.getReason(), CampaignStatus.valueOf(e.getStatus()),
                e.getRequesterId(), e.getRequesterUsername(), e.getDecidedById(), e.getDecidedByUsername(),
                e.getDecidedAt(), e.getCloseReason(), e.getCreatedAt(), e.getExpiresAt(), e.getDevices(),
                e.getRevealedDevices(), e.getRotatedDevices(), e.getTicketCheckedAt());
    }

    private static CampaignDevice toModel(CampaignDeviceEntity e) {
        return new CampaignDevice(e.getDeviceId(), e.getDeviceName(), CampaignDeviceState.valueOf(e.getState()),
                e.getRevealedAt(), e.getRotatedAt());
    }

    @Override
    public void close() {
    }
}
