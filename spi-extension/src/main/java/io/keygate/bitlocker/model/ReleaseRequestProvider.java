package io.keygate.bitlocker.model;

import java.util.List;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/** A realm's release requests (SPEC §11). Transitions are atomic across the cluster: one wins, the others see {@code false}. */
public interface ReleaseRequestProvider extends Provider {

    void add(RealmModel realm, ReleaseRequest request);

    /** {@code null} when the realm has no such request. */
    ReleaseRequest get(RealmModel realm, String id);

    /**
     * Newest first, keyset-paged on (creation time, ID), plus one extra request that tells whether a next
     * page exists. {@code requesterId} {@code null}: everyone's.
     */
    List<ReleaseRequest> search(RealmModel realm, String requesterId, ReleaseRequestStatus status, PageCursor after, int max);

    /**
     * Moves the request from {@code from} to {@code transition.to()} in one conditional update; {@code false}
     * when it was not in {@code from} any more (decided, used or expired by someone else meanwhile).
     */
    boolean transition(RealmModel realm, String id, ReleaseRequestStatus from, ReleaseRequest.Transition transition);

    /** PENDING and APPROVED requests of any realm whose time ran out before {@code now}. */
    List<ReleaseRequest> getOverdue(long now, int max);

    /** Requests by status, across the realm (the metrics gauge). */
    java.util.Map<ReleaseRequestStatus, Long> countByStatus(RealmModel realm);
}
