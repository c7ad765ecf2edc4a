package io.keygate.bitlocker.model;

import java.util.List;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/** The outboxes of ticket comments and e-mails, queued in the release's transaction. */
public interface OutboxProvider extends Provider {

    void queue(RealmModel realm, QueuedAnnotation annotation);

    void queue(RealmModel realm, QueuedNotification notification);

    /** IDs of queued items of one kind that are due, oldest due first. */
    List<String> getDueIds(Class<? extends OutboxItemModel> type, long now, int max);

    /** The item, locked until the transaction ends; {@code null} when it is gone. */
    <M extends OutboxItemModel> M lock(Class<M> type, String id);

    /** Removes delivered and given-up items that are older than {@code before}; how many went. */
    int removeDoneBefore(long before);
}
