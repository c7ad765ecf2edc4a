package io.keygate.bitlocker.simulators.graph;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated tenant's directory and Intune data: users, devices (Entra device + Intune managed device in one
 * entry) and BitLocker recovery keys. Stored compactly (UUIDs as {@link UUID}, passwords derived from key ids,
 * no per-item JSON) so that 100,000 devices fit in well under a hundred megabytes.
 * <p>
 * Thread-safe: reads are lock-free, changes are serialised on this object. Lists come out in insertion order,
 * which is what paging tokens ({@code $skiptoken}) point into, so a token stays valid while the fleet changes.
 */
public final class GraphFleet {

    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, GraphUser> users = new ConcurrentHashMap<>();
    private final ConcurrentNavigableMap<Long, DeviceEntry> devices = new ConcurrentSkipListMap<>();
    private final ConcurrentNavigableMap<Long, KeyEntry> keys = new ConcurrentSkipListMap<>();
    private final Map<UUID, DeviceEntry> byDeviceId = new ConcurrentHashMap<>();
    private final Map<UUID, DeviceEntry> byObjectId = new ConcurrentHashMap<>();
    private final Map<UUID, DeviceEntry> byManagedId = new ConcurrentHashMap<>();
    private final Map<UUID, KeyEntry> keysById = new ConcurrentHashMap<>();
    private int generatedUsers;

    /** Adds (or replaces) a user. */
    public GraphUser addUser(String objectId, String userPrincipalName, String mail) {
        GraphUser user = new GraphUser(uuidOrThrow(objectId).toString(), userPrincipalName, mail);
        users.put(user.id(), user);
        return user;
    }

    /** Adds a Windows device (new random ids, encrypted, no keys yet); {@code ownerObjectId} may be null. */
    public GraphDevice addDevice(String displayName, String ownerObjectId) {
        return addDevice(displayName, "Windows", ownerObjectId);
    }

    /** Adds a device (new random ids, encrypted, no keys yet); {@code ownerObjectId} must be a user added before, or null. */
    public synchronized GraphDevice addDevice(String displayName, String operatingSystem, String ownerObjectId) {
        return add(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), displayName, operatingSystem,
                ownerObjectId == null ? null : userOrThrow(ownerObjectId)).view();
    }

    /** Escrows a new recovery key for the device with this Entra {@code deviceId}; the password is {@link RecoveryKey#password()}. */
    public synchronized RecoveryKey addKey(String deviceId, VolumeType volumeType, Instant createdAt) {
        return addKey(deviceOrThrow(deviceId), UUID.randomUUID(), volumeType, createdAt).view();
    }

    /** Removes the device (Entra and Intune) and its keys; false when there was none. */
    public synchronized boolean removeDevice(String deviceId) {
        DeviceEntry device = entryByDeviceId(deviceId);
        if (device == null) {
            return false;
        }
        devices.remove(device.seq);
        byDeviceId.remove(device.deviceId);
        byObjectId.remove(device.objectId);
        byManagedId.remove(device.managedId);
        for (KeyEntry key : device.keys) {
            keys.remove(key.seq());
            keysById.remove(key.id());
        }
        device.keys = new KeyEntry[0];
        return true;
    }

    /** Whether Intune reports {@code recoveryKeyBackupFailed} for the device. */
    public void setBackupFailed(String deviceId, boolean failed) {
        deviceOrThrow(deviceId).backupFailed = failed;
    }

    /** Whether Intune reports the device's OS volume as encrypted (default true). */
    public void setEncrypted(String deviceId, boolean encrypted) {
        deviceOrThrow(deviceId).encrypted = encrypted;
    }

    /**
     * Adds {@code count} Windows devices, deterministic for {@code seed}: names {@code DESKTOP-XXXXXXX} (distinct),
     * each with its own owner {@code user<n>@contoso.example}, one OS-volume key; every 3rd device also a
     * fixed-data key; every 50th device no key at all and {@code recoveryKeyBackupFailed}.
     */
    public synchronized void generateFleet(int count, long seed) {
        FleetGenerator generator = new FleetGenerator(seed, devices.values().stream().map(d -> d.name).toList());
        for (int n = 1; n <= count; n++) {
            int userNumber = ++generatedUsers;
            String upn = "user" + userNumber + "@contoso.example";
            GraphUser owner = new GraphUser(generator.uuid().toString(), upn, upn);
            users.put(owner.id(), owner);
            DeviceEntry device = add(generator.uuid(), generator.uuid(), generator.uuid(), generator.deviceName(),
                    "Windows", owner);
            if (n % 50 == 0) {
                device.backupFailed = true;
                continue;
            }
            addKey(device, generator.uuid(), VolumeType.OPERATING_SYSTEM_VOLUME, generator.createdAt());
            if (n % 3 == 0) {
                addKey(device, generator.uuid(), VolumeType.FIXED_DATA_VOLUME, generator.createdAt());
            }
        }
    }

    /** Gives the device a new OS-volume key (created now) and removes its previous OS-volume keys. */
    synchronized KeyEntry rotateOsKey(DeviceEntry device) {
        for (KeyEntry key : device.keys) {
            if (key.volumeType() == VolumeType.OPERATING_SYSTEM_VOLUME) {
                keys.remove(key.seq());
                keysById.remove(key.id());
            }
        }
        device.keys = Arrays.stream(device.keys).filter(k -> k.volumeType() != VolumeType.OPERATING_SYSTEM_VOLUME)
                .toArray(KeyEntry[]::new);
        return addKey(device, UUID.randomUUID(), VolumeType.OPERATING_SYSTEM_VOLUME,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Removes everything. */
    public synchronized void clear() {
        users.clear();
        devices.clear();
        keys.clear();
        byDeviceId.clear();
        byObjectId.clear();
        byManagedId.clear();
        keysById.clear();
        generatedUsers = 0;
    }

    public int deviceCount() {
        return byDeviceId.size();
    }

    public int keyCount() {
        return keysById.size();
    }

    /** All devices in insertion order (a snapshot). */
    public List<GraphDevice> devices() {
        return devices.values().stream().map(DeviceEntry::view).toList();
    }

    /** The device with this Entra {@code deviceId}, or null. */
    public GraphDevice device(String deviceId) {
        DeviceEntry device = entryByDeviceId(deviceId);
        return device == null ? null : device.view();
    }

    /** The device with this display name, or null (a scan). */
    public GraphDevice deviceNamed(String displayName) {
        return devices.values().stream().filter(d -> d.name.equalsIgnoreCase(displayName)).findFirst()
                .map(DeviceEntry::view).orElse(null);
    }

    /** All keys in insertion order (a snapshot). */
    public List<RecoveryKey> keys() {
        return keys.values().stream().map(KeyEntry::view).toList();
    }

    /** The keys of the device with this Entra {@code deviceId}, oldest first (empty for an unknown device). */
    public List<RecoveryKey> keys(String deviceId) {
        DeviceEntry device = entryByDeviceId(deviceId);
        return device == null ? List.of() : Arrays.stream(device.keys).map(KeyEntry::view).toList();
    }

    /** The device's current OS-volume key, or null. */
    public RecoveryKey osKey(String deviceId) {
        List<RecoveryKey> os = keys(deviceId).stream().filter(k -> k.volumeType() == VolumeType.OPERATING_SYSTEM_VOLUME)
                .toList();
        return os.isEmpty() ? null : os.get(os.size() - 1);
    }

    /** The key with this id, or null. */
    public RecoveryKey key(String keyId) {
        KeyEntry key = keyEntry(keyId);
        return key == null ? null : key.view();
    }

    /** The recovery password of the key with this id (also of a key rotated away or removed). */
    public String password(String keyId) {
        return RecoveryPasswords.of(uuidOrThrow(keyId).toString());
    }

    /** The user with this object id, or null. */
    public GraphUser user(String objectId) {
        UUID id = uuid(objectId);
        return id == null ? null : users.get(id.toString());
    }

    /** The registered owner of the device with this Entra {@code deviceId}, or null. */
    public GraphUser owner(String deviceId) {
        DeviceEntry device = entryByDeviceId(deviceId);
        return device == null ? null : device.owner;
    }

    // --- for the Graph handlers ---

    ConcurrentNavigableMap<Long, DeviceEntry> deviceEntries() {
        return devices;
    }

    ConcurrentNavigableMap<Long, KeyEntry> keyEntries() {
        return keys;
    }

    DeviceEntry entryByDeviceId(String deviceId) {
        UUID id = uuid(deviceId);
        return id == null ? null : byDeviceId.get(id);
    }

    DeviceEntry entryByObjectId(String objectId) {
        UUID id = uuid(objectId);
        return id == null ? null : byObjectId.get(id);
    }

    DeviceEntry entryByManagedId(String managedId) {
        UUID id = uuid(managedId);
        return id == null ? null : byManagedId.get(id);
    }

    KeyEntry keyEntry(String keyId) {
        UUID id = uuid(keyId);
        return id == null ? null : keysById.get(id);
    }

    /** A GUID, or null when the text is none. */
    static UUID uuid(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private DeviceEntry add(UUID objectId, UUID deviceId, UUID managedId, String name, String os, GraphUser owner) {
        DeviceEntry device = new DeviceEntry(sequence.incrementAndGet(), objectId, deviceId, managedId,
                Objects.requireNonNull(name, "displayName"), Objects.requireNonNull(os, "operatingSystem"), owner);
        devices.put(device.seq, device);
        byDeviceId.put(deviceId, device);
        byObjectId.put(objectId, device);
        byManagedId.put(managedId, device);
        return device;
    }

    private KeyEntry addKey(DeviceEntry device, UUID id, VolumeType volumeType, Instant createdAt) {
        KeyEntry key = new KeyEntry(sequence.incrementAndGet(), id, device, Objects.requireNonNull(volumeType),
                Objects.requireNonNull(createdAt));
        List<KeyEntry> deviceKeys = new ArrayList<>(Arrays.asList(device.keys));
        deviceKeys.add(key);
        device.keys = deviceKeys.toArray(KeyEntry[]::new);
        keys.put(key.seq(), key);
        keysById.put(id, key);
        return key;
    }

    private DeviceEntry deviceOrThrow(String deviceId) {
        DeviceEntry device = entryByDeviceId(deviceId);
        if (device == null) {
            throw new IllegalArgumentException("no device with deviceId " + deviceId);
        }
        return device;
    }

    private GraphUser userOrThrow(String objectId) {
        GraphUser user = user(objectId);
        if (user == null) {
            throw new IllegalArgumentException("no user " + objectId + " (addUser first)");
        }
        return user;
    }

    private static UUID uuidOrThrow(String text) {
        UUID id = uuid(text);
        if (id == null) {
            throw new IllegalArgumentException("not a GUID: " + text);
        }
        return id;
    }
}
