package io.keygate.bitlocker.metrics;

import java.time.Duration;

import io.keygate.bitlocker.model.CampaignStatus;
import io.keygate.bitlocker.model.ReleaseRequestStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * The extension's meters, published through Keycloak's Micrometer registry (the management
 * endpoint's {@code /metrics} when {@code metrics-enabled} is on). Tags come from fixed
 * vocabularies — outcome, problem code, audit source, system name, state — never from key material.
 */
public final class BitLockerMetrics {

    private BitLockerMetrics() {
    }

    /** A key release: {@code outcome} SUCCESS or DENIED, {@code code} the problem code ("none" on success). */
    public static void reveal(String outcome, String code, String source) {
        Counter.builder("bitlocker.reveals").description("BitLocker recovery key releases and denials")
                .tag("outcome", outcome).tag("code", code).tag("source", source)
                .register(Metrics.globalRegistry).increment();
    }

    /**
     * One group commit of releases: how many releases (granted or refused under the lock) shared its transaction,
     * {@code result} COMMITTED or FAILED. Count and sum show how much the one writer per realm and node batches.
     */
    public static void releaseBatch(int releases, String result) {
        DistributionSummary.builder("bitlocker.release.batch").description("Releases committed together in one transaction")
                .tag("result", result).register(Metrics.globalRegistry).record(releases);
    }

    /** How long a live ticket check took, by system and result. */
    public static void ticketCheck(String system, String result, Duration took) {
        Timer.builder("bitlocker.ticket.check").description("Live ticket checks against the ticketing system")
                .tag("system", system).tag("result", result)
                .register(Metrics.globalRegistry).record(took);
    }

    /** How long fetching key material took, by key source and result. */
    public static void keySource(String source, String result, Duration took) {
        Timer.builder("bitlocker.key.source").description("Key material fetched from a key source")
                .tag("source", source).tag("result", result)
                .register(Metrics.globalRegistry).record(took);
    }

    /** A rotation reached a state (PENDING, COMPLETED, FAILED). */
    public static void rotation(String state) {
        Counter.builder("bitlocker.rotations").description("Key rotations by state reached")
                .tag("state", state).register(Metrics.globalRegistry).increment();
    }

    /** A release request (SPEC §11) reached a state: PENDING, APPROVED, REJECTED, USED, EXPIRED, WITHDRAWN. */
    public static void releaseRequest(String state) {
        releaseRequests(state).increment();
    }

    private static Counter releaseRequests(String state) {
        return Counter.builder("bitlocker.release.requests").description("Release requests of dual control by state reached")
                .tag("state", state).register(Metrics.globalRegistry);
    }

    /** How long a release request waited for its decision, by decision (APPROVED, REJECTED). */
    public static void releaseDecision(String decision, Duration waited) {
        Timer.builder("bitlocker.release.request.decision").description("Time from a release request to its decision")
                .tag("decision", decision).register(Metrics.globalRegistry).record(waited);
    }

    /** A campaign (SPEC §14) reached a state: PENDING, ACTIVE, REJECTED, CLOSED, EXPIRED. */
    public static void campaign(String state) {
        campaigns(state).increment();
    }

    private static Counter campaigns(String state) {
        return Counter.builder("bitlocker.campaigns").description("Campaigns by state reached")
                .tag("state", state).register(Metrics.globalRegistry);
    }

    /** A key released under a campaign (published as {@code bitlocker_campaign_releases_total}). */
    public static void campaignRelease() {
        campaignReleases().increment();
    }

    private static Counter campaignReleases() {
        return Counter.builder("bitlocker.campaign.releases").description("Keys released under campaigns")
                .register(Metrics.globalRegistry);
    }

    /** A key released by break-glass, without a ticket (published as {@code bitlocker_break_glass_releases_total}). */
    public static void breakGlass() {
        breakGlassReleases().increment();
    }

    private static Counter breakGlassReleases() {
        return Counter.builder("bitlocker.break.glass.releases").description("Keys released by break-glass, without a ticket")
                .register(Metrics.globalRegistry);
    }

    /**
     * Registers at zero the counters an alert or a dashboard reads whose tags come from fixed vocabularies. A series
     * that first appears at 1 shows no increase to Prometheus, so the first break-glass release after a start would
     * raise no alert; and a panel shows 0 rather than "no data".
     */
    public static void registerAtZero() {
        breakGlassReleases();
        for (ReleaseRequestStatus state : ReleaseRequestStatus.values()) {
            releaseRequests(state.name());
        }
        for (CampaignStatus state : CampaignStatus.values()) {
            campaigns(state.name());
        }
        campaignReleases();
    }

    /** An e-mail notification: {@code kind} a NotificationKind, {@code outcome} SENT, RETRY or FAILED. */
    public static void notification(String kind, String outcome) {
        Counter.builder("bitlocker.notifications").description("E-mail notifications sent, retried or given up")
                .tag("kind", kind).tag("outcome", outcome).register(Metrics.globalRegistry).increment();
    }
}
