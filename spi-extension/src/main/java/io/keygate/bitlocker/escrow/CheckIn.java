package io.keygate.bitlocker.escrow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.keygate.bitlocker.keysource.RecoveryPasswordFormat;
import io.keygate.bitlocker.model.DeviceTarget;
import io.keygate.bitlocker.model.Encryption;
import io.keygate.bitlocker.model.Guid;
import io.keygate.bitlocker.model.VolumeType;

/**
 * A validated check-in: every input rule of SPEC §3 is checked here, before anything is stored.
 */
public record CheckIn(String deviceId, String deviceName, String owner, Encryption encryption, List<Key> keys) {

    public static final int MAX_KEYS = 64;

    /** SPEC §3: a key package is at most 100 KiB (decoded). */
    public static final int MAX_KEY_PACKAGE_BYTES = 100 * 1024;

    /** @param keyPackage the decoded key package; {@code null} when the agent sent none */
    public record Key(String keyId, String recoveryPassword, VolumeType volumeType, byte[] keyPackage) {
        @Override
        public String toString() {
            return "Key[keyId=" + keyId + ", volumeType=" + volumeType + "]";
        }
    }

    /** @throws IllegalArgumentException with a message safe to show (never a password) */
    public static CheckIn validate(String rawDeviceId, CheckInRequest request) {
        String deviceId = Guid.normalize(rawDeviceId);
        if (deviceId == null) {
            throw new IllegalArgumentException(DeviceTarget.MALFORMED);
        }
        String name = request.deviceName();
        if (name == null || name.isBlank() || name.length() > 255 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("'deviceName' is required (1 to 255 printable characters).");
        }
        String owner = request.owner();
        if (owner != null && (owner.isBlank() || owner.length() > 255)) {
            throw new IllegalArgumentException("'owner' must be a username or e-mail address.");
        }
        Encryption encryption = parseEnum(Encryption.class, request.encryption(), "encryption");
        if (request.keys() == null) {
            throw new IllegalArgumentException("'keys' is required (an empty list when the device has none).");
        }
        if (request.keys().size() > MAX_KEYS) {
            throw new IllegalArgumentException("At most " + MAX_KEYS + " keys per check-in.");
        }
        List<Key> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CheckInRequest.EscrowedKey k : request.keys()) {
            if (k == null) {
                throw new IllegalArgumentException("'keys' must not contain null.");
            }
            String keyId = Guid.normalize(k.keyId());
            if (keyId == null) {
                throw new IllegalArgumentException("Every key needs a 'keyId' GUID.");
            }
            if (!seen.add(keyId)) {
                throw new IllegalArgumentException("Key " + keyId + " is listed twice.");
            }
            if (!RecoveryPasswordFormat.isValid(k.recoveryPassword())) {
                throw new IllegalArgumentException("Key " + keyId + " has no valid BitLocker recovery password "
                        + "(8 groups of 6 digits, each divisible by 11 and below 720896).");
            }
            VolumeType volume = parseEnum(VolumeType.class, k.volumeType(), "volumeType");
            if (volume == VolumeType.UNKNOWN) {
                // An agent knows its volumes; UNKNOWN is for sources that do not record them (SPEC §3).
                throw new IllegalArgumentException("'volumeType' must be one of OPERATING_SYSTEM, FIXED_DATA, REMOVABLE_DATA.");
            }
            keys.add(new Key(keyId, k.recoveryPassword(), volume, keyPackage(keyId, k.keyPackage())));
        }
        return new CheckIn(deviceId, name.trim(), owner == null ? null : owner.trim(), encryption, keys);
    }

    /** The decoded package: standard base64 of 1 byte to 100 KiB, else refused (its content is never echoed). */
    private static byte[] keyPackage(String keyId, String base64) {
        if (base64 == null) {
            return null;
        }
        // Decoding stops at the limit's base64 length: a larger value is refused before it is decoded.
        if (base64.length() > (MAX_KEY_PACKAGE_BYTES + 2) / 3 * 4) {
            throw new IllegalArgumentException("The key package of key " + keyId + " is larger than 100 KiB.");
        }
        byte[] decoded;
        try {
            decoded = java.util.Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The key package of key " + keyId + " is not base64.");
        }
        if (decoded.length == 0 || decoded.length > MAX_KEY_PACKAGE_BYTES) {
            throw new IllegalArgumentException("The key package of key " + keyId + " must be 1 byte to 100 KiB.");
        }
        return decoded;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field) {
        if (value != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(value)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("'" + field + "' must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ".");
    }
}
