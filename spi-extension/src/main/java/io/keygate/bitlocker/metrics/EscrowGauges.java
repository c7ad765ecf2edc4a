package io.keygate.bitlocker.metrics;

import java.util.Map;
import java.util.Set;

/**
 * {@code bitlocker_devices{realm,status}}: how many devices of each enabled realm are in each escrow
 * status, so "devices with missing or failed escrow" can be alerted on from Prometheus. The values
 * are refreshed by a task on every node (each node answers its own scrape); a realm that is gone or
 * no longer enabled loses its series.
 */
public final class EscrowGauges {

    private static final RealmGauges DEVICES = new RealmGauges("bitlocker.devices", "Devices by escrow status", "status");
    /** {@code bitlocker_campaign_waiting_devices{realm,campaign}}: devices of each ACTIVE campaign not yet released. */
    private static final RealmGauges WAITING = new RealmGauges("bitlocker.campaign.waiting.devices",
            "Devices of active campaigns whose keys have not been released yet", "campaign");

    /**
     * {@code bitlocker_sync_state{realm,state}}: 1 for the state (IDLE, RUNNING, FAILED) of the metadata sync of each
     * realm whose key source syncs (Entra ID, Active Directory), once it has run.
     */
    private static final RealmGauges SYNC = new RealmGauges("bitlocker.sync.state",
            "The metadata sync's state: 1 for the current one", "state");

    private EscrowGauges() {
    }

    /** Sets the counts of one realm: status name → devices. */
    public static void update(String realm, Map<String, Long> counts) {
        DEVICES.replace(realm, counts);
    }

    /** Sets one realm's waiting devices per ACTIVE campaign (campaign ID → devices); ended campaigns lose their series. */
    public static void campaigns(String realm, Map<String, Long> waiting) {
        WAITING.replace(realm, waiting);
    }

    /** Sets one realm's sync state; {@code null} (no sync, or none yet) drops its series. */
    public static void sync(String realm, String state) {
        SYNC.replace(realm, state == null ? Map.of() : Map.of(state, 1L));
    }

    /** Drops the series of every realm not in {@code realms}. */
    public static void retainRealms(Set<String> realms) {
        DEVICES.retainRealms(realms);
        WAITING.retainRealms(realms);
        SYNC.retainRealms(realms);
    }
}
