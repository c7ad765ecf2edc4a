package io.keygate.bitlocker.jpa;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.jpa.entity.SyncStageEntity;
import io.keygate.bitlocker.jpa.entity.SyncStateEntity;
import io.keygate.bitlocker.model.StagedItem;
import io.keygate.bitlocker.model.SyncState;
import io.keygate.bitlocker.model.SyncStateProvider;
import io.keygate.bitlocker.model.VolumeType;
import org.keycloak.models.RealmModel;

/** Sync progress in {@code BLK_SYNC_STATE}, staged items in {@code BLK_SYNC_STAGE}. */
public class JpaSyncStateProvider implements SyncStateProvider {

    private static final int ERROR_LENGTH = 1024;
    private static final int IN_LIMIT = 500;

    private final EntityManager em;

    public JpaSyncStateProvider(EntityManager em) {
        this.em = em;
    }

    @Override
    public SyncState getState(RealmModel realm) {
        SyncStateEntity row = em.find(SyncStateEntity.class, realm.getId());
        if (row == null) {
            return null;
        }
        return new SyncState(row.getState(), row.getPhase(), row.getNextLink(), row.getRunStartedAt(), row.getLastRunAt(),
                row.getLastSuccessAt(), row.getDevices(), row.getKeys(), row.getRequests(), row.getError());
    }

    @Override
    public void saveState(RealmModel realm, SyncState state) {
        SyncStateEntity row = em.find(SyncStateEntity.class, realm.getId());
        boolean fresh = row == null;
        if (fresh) {
            row = new SyncStateEntity();
            row.setRealmId(realm.getId());
        }
        row.setState(state.state());
        row.setPhase(state.phase());
        row.setNextLink(state.nextLink());
        row.setRunStartedAt(state.runStartedAt());
        row.setLastRunAt(state.lastRunAt());
        row.setLastSuccessAt(state.lastSuccessAt());
        row.setDevices(state.devices());
        row.setKeys(state.keys());
        row.setRequests(state.requests());
        String error = state.error();
        row.setError(error != null && error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error);
        if (fresh) {
            em.persist(row);
        }
        em.flush();
    }

    @Override
    public void stage(RealmModel realm, Collection<StagedItem> items) {
        // The rows already staged, in one query per kind and 500 items (a first sync has none), not one lookup per item.
        Map<SyncStageEntity.Key, SyncStageEntity> staged = new HashMap<>();
        items.stream().collect(Collectors.groupingBy(StagedItem::kind, Collectors.mapping(StagedItem::itemId, Collectors.toSet())))
                .forEach((kind, itemIds) -> rowsInChunks(itemIds, chunk -> byItemIds(realm, kind, chunk))
                        .forEach(row -> staged.put(new SyncStageEntity.Key(row.getRealmId(), row.getKind(), row.getItemId()), row)));
        for (StagedItem item : items) {
            SyncStageEntity.Key key = new SyncStageEntity.Key(realm.getId(), item.kind().name(), item.itemId());
            SyncStageEntity row = staged.get(key);
            boolean fresh = row == null;
            if (fresh) {
                row = new SyncStageEntity();
                row.setRealmId(realm.getId());
                row.setKind(item.kind().name());
                row.setItemId(item.itemId());
            }
            row.setDeviceId(item.deviceId());
            row.setVolumeType(item.volumeType() == null ? null : item.volumeType().name());
            row.setCreatedAt(item.createdAt());
            row.setValue(item.value());
            if (fresh) {
                em.persist(row);
                staged.put(key, row);
            }
        }
        em.flush();
        em.clear();
    }

    @Override
    public List<StagedItem> getStaged(RealmModel realm, StagedItem.Kind kind, Collection<String> deviceIds) {
        return inChunks(deviceIds, chunk -> em.createQuery("select s from SyncStageEntity s where s.realmId = :realm"
                        + " and s.kind = :kind and s.deviceId in :ids", SyncStageEntity.class)
                .setParameter("realm", realm.getId()).setParameter("kind", kind.name()).setParameter("ids", chunk)
                .getResultList());
    }

    @Override
    public List<StagedItem> getStagedById(RealmModel realm, StagedItem.Kind kind, Collection<String> itemIds) {
        return inChunks(itemIds, chunk -> byItemIds(realm, kind, chunk));
    }

    private List<SyncStageEntity> byItemIds(RealmModel realm, StagedItem.Kind kind, List<String> itemIds) {
        return em.createQuery("select s from SyncStageEntity s where s.realmId = :realm and s.kind = :kind"
                        + " and s.itemId in :ids", SyncStageEntity.class)
                .setParameter("realm", realm.getId()).setParameter("kind", kind.name()).setParameter("ids", itemIds)
                .getResultList();
    }

    @Override
    public List<String> getStagedDeviceIds(RealmModel realm, StagedItem.Kind kind, String afterDeviceId, int max) {
        return em.createQuery("select distinct s.deviceId from SyncStageEntity s where s.realmId = :realm"
                        + " and s.kind = :kind and s.deviceId > :after order by s.deviceId", String.class)
                .setParameter("realm", realm.getId()).setParameter("kind", kind.name())
                .setParameter("after", afterDeviceId == null ? "" : afterDeviceId)
                .setMaxResults(max).getResultList();
    }

    @Override
    public void clearStaged(RealmModel realm) {
        em.createQuery("delete from SyncStageEntity s where s.realmId = :realm").setParameter("realm", realm.getId())
                .executeUpdate();
    }

    private List<StagedItem> inChunks(Collection<String> ids, Function<List<String>, List<SyncStageEntity>> query) {
        return rowsInChunks(ids, query).stream().map(row -> new StagedItem(StagedItem.Kind.valueOf(row.getKind()),
                row.getItemId(), row.getDeviceId(), row.getVolumeType() == null ? null : VolumeType.valueOf(row.getVolumeType()),
                row.getCreatedAt(), row.getValue())).toList();
    }

    /** The rows {@code query} finds for {@code ids}, asked {@value #IN_LIMIT} IDs at a time. */
    private static List<SyncStageEntity> rowsInChunks(Collection<String> ids, Function<List<String>, List<SyncStageEntity>> query) {
        List<String> all = List.copyOf(ids);
        List<SyncStageEntity> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_LIMIT) {
            out.addAll(query.apply(all.subList(from, Math.min(all.size(), from + IN_LIMIT))));
        }
        return out;
    }

    @Override
    public void close() {
    }
}
