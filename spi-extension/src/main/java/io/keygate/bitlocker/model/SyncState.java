package io.keygate.bitlocker.model;

/**
 * Where a realm's metadata sync stands (SPEC §3 {@code sync}).
 *
 * @param state         {@code IDLE} between runs, {@code RUNNING} while a run has pages left, {@code FAILED} after a run
 *                      stopped on an error (it resumes from {@code nextLink} at the next attempt)
 * @param phase         the run's current phase (the source's own names)
 * @param nextLink      the page the phase continues with; {@code null} at the phase's start
 * @param runStartedAt  when the current (or last) run started
 * @param lastRunAt     when the last attempt ended (a run finished, or stopped on an error)
 * @param lastSuccessAt when a run last completed, or {@code null}
 * @param devices       devices applied by the current run so far (by the last run, once it completed)
 * @param keys          keys seen by the current run so far
 * @param requests      requests made to the source by the current run, retries included
 * @param error         why the last attempt stopped, for the operator; {@code null} when it did not
 */
public record SyncState(String state, String phase, String nextLink, long runStartedAt, Long lastRunAt,
        Long lastSuccessAt, long devices, long keys, long requests, String error) {

    public static final String IDLE = "IDLE";
    public static final String RUNNING = "RUNNING";
    public static final String FAILED = "FAILED";

    public SyncState withPhase(String nextPhase, String link) {
        return new SyncState(state, nextPhase, link, runStartedAt, lastRunAt, lastSuccessAt, devices, keys, requests, error);
    }

    public SyncState progressed(long moreDevices, long moreKeys, long moreRequests) {
        return new SyncState(state, phase, nextLink, runStartedAt, lastRunAt, lastSuccessAt, devices + moreDevices,
                keys + moreKeys, requests + moreRequests, error);
    }

    public SyncState failed(String why, long now) {
        return new SyncState(FAILED, phase, nextLink, runStartedAt, now, lastSuccessAt, devices, keys, requests, why);
    }

    public SyncState resumed() {
        return new SyncState(RUNNING, phase, nextLink, runStartedAt, lastRunAt, lastSuccessAt, devices, keys, requests, error);
    }

    public SyncState completed(long now) {
        return new SyncState(IDLE, null, null, runStartedAt, now, now, devices, keys, requests, null);
    }

    /** The same state with a note for the operator in {@code error} (a finding outside a run, e.g. at a release). */
    public SyncState noted(String note) {
        return new SyncState(state, phase, nextLink, runStartedAt, lastRunAt, lastSuccessAt, devices, keys, requests, note);
    }

    /** Due at the sync's next look: as if the last attempt had ended long ago. */
    public SyncState dueNow() {
        return new SyncState(state, phase, nextLink, runStartedAt, null, lastSuccessAt, devices, keys, requests, error);
    }

    public static SyncState started(SyncState previous, String firstPhase, long now) {
        return new SyncState(RUNNING, firstPhase, null, now, previous == null ? null : previous.lastRunAt(),
                previous == null ? null : previous.lastSuccessAt(), 0, 0, 0, null);
    }
}
