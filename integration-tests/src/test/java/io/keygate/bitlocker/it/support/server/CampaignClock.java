package io.keygate.bitlocker.it.support.server;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;

/**
 * Moves a campaign's clocks inside the server: its end into the past, so "after its hours are up" can be tested now,
 * and its last ticket check, so that the next release or background run must check the ticket again.
 */
public final class CampaignClock {

    private CampaignClock() {
    }

    public static RunOnServer endedMinutesAgo(String campaignId, int minutes) {
        return session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("UPDATE BLK_CAMPAIGN SET EXPIRES_AT = ?1 WHERE ID = ?2")
                .setParameter(1, System.currentTimeMillis() - minutes * 60_000L).setParameter(2, campaignId)
                .executeUpdate();
    }

    public static RunOnServer ticketCheckDue(String campaignId) {
        return session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("UPDATE BLK_CAMPAIGN SET TICKET_CHECKED_AT = 0 WHERE ID = ?1")
                .setParameter(1, campaignId).executeUpdate();
    }
}
