package io.keygate.bitlocker.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * A realm's devices, keys and rotations. Every query is bounded; lists of devices come with their
 * keys and latest rotation loaded in bulk, so converting a page costs no query per device.
 */
public interface DeviceProvider extends Provider {

    /** The device with its keys, in one read. */
    DeviceModel getDevice(RealmModel realm, String deviceId);

    /**
     * Several devices as {@link #getDevice} reads one, in one statement (a sync's page): the ones found, by ID.
     */
    Map<String, DeviceModel> getDevices(RealmModel realm, Collection<String> deviceIds);

    /**
     * The device as last committed, to show it ({@code GET /keys/{deviceId}}): from this node's cache where it
     * holds it, its check-in time read now; read-only. Never for a change, a release or a check-in, which read
     * {@link #getDevice}.
     */
    DeviceModel getDeviceForViewing(RealmModel realm, String deviceId);

    /**
     * Marks a key released, by reference: without loading the device or its keys (the locked part of a release). A
     * key released before keeps its first release time.
     */
    void markReleased(RealmModel realm, String deviceId, String keyId, long at);

    /** The device's open (PENDING) rotation, looked up by device ID without loading the device; null when none is. */
    RotationModel getOpenRotation(RealmModel realm, String deviceId);

    /** A new PENDING rotation of the device, added by reference (the device is not loaded); null when it is gone. */
    RotationModel addRotation(RealmModel realm, String deviceId, long requestedAt, String requestedBy, String ticketKey,
            String reason, String replacesKeyId);

    /** A new device, NOT_AVAILABLE until its first report is applied. */
    DeviceModel addDevice(RealmModel realm, String deviceId, String source, long now);

    /**
     * One page, keyset-paged on (lower-cased name, device ID), plus one extra device that tells
     * whether a next page exists. For reading: changes made through the devices of a list are not saved.
     */
    List<DeviceModel> searchDevices(RealmModel realm, SearchTerm search, EscrowStatus status, PageCursor after, int max);

    /** The user's devices to show them, from this node's cache where it holds them, as {@link #getDeviceForViewing}. */
    List<DeviceModel> getOwnedDevices(RealmModel realm, String userId, int max);

    Map<EscrowStatus, Long> countByStatus(RealmModel realm);

    /**
     * FAILED and NOT_AVAILABLE devices, and PENDING ones whose status is older than {@code pendingBefore}; for
     * reading, as {@link #searchDevices}.
     */
    List<DeviceModel> getDevicesNeedingAttention(RealmModel realm, long pendingBefore, int max);

    /**
     * Devices whose name (case-insensitive, as Windows compares computer names) another device of the realm also
     * has, by name; for reading, as {@link #searchDevices}.
     */
    List<DeviceModel> getDevicesSharingName(RealmModel realm, int max);

    /** Each device's latest rotation when it FAILED, or is PENDING since before {@code pendingBefore}. */
    List<RotationModel> getOverdueRotations(RealmModel realm, long pendingBefore, int max);

    /** PENDING rotations requested before {@code before}. */
    List<RotationModel> getPendingRotations(RealmModel realm, long before);

    /** SUPERSEDED keys superseded at or before {@code before}. */
    List<RecoveryKeyModel> getSupersededKeys(RealmModel realm, long before, int max);

    /** The realms that have PENDING rotations or SUPERSEDED keys (housekeeping has work there). */
    List<String> getRealmsWithRotationsOrSupersededKeys();

    /**
     * Devices of {@code source} not seen at it since {@code since} and not yet marked removed, in device-ID order
     * after {@code afterDeviceId} (null: from the start).
     */
    List<DeviceModel> getDevicesNotSeenSince(RealmModel realm, String source, long since, String afterDeviceId, int max);

    /** Whether the realm has any key whose password is sealed in the local vault. */
    boolean hasSealedKeys(RealmModel realm);

    /** Hands every sealed key of the realm to {@code work}, in batches whose changes are flushed. */
    void forEachSealedKey(RealmModel realm, Consumer<RecoveryKeyModel> work);
}
