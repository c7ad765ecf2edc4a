package io.keygate.bitlocker.keysource.entra;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.model.Encryption;
import io.keygate.bitlocker.model.Guid;
import io.keygate.bitlocker.model.StagedItem;
import io.keygate.bitlocker.model.VolumeType;

/** Reads Graph's items into the extension's terms: key metadata, Intune's encryption state. */
final class GraphItems {

    static final String BACKUP_FAILED = "recoveryKeyBackupFailed";

    private GraphItems() {
    }

    /**
     * A {@code bitlockerRecoveryKey} as a staged key; {@code null} when its IDs are not GUIDs or its volume
     * type is unknown (nothing the gate could release).
     */
    static StagedItem key(JsonNode item) {
        String keyId = Guid.normalize(item.path("id").asText(null));
        String deviceId = Guid.normalize(item.path("deviceId").asText(null));
        VolumeType volume = volumeType(item.path("volumeType").asText(""));
        if (keyId == null || deviceId == null || volume == null) {
            return null;
        }
        return new StagedItem(StagedItem.Kind.KEY, keyId, deviceId, volume, millis(item.path("createdDateTime").asText(null)), null);
    }

    /**
     * The {@code key} of Graph's answer to the read of key {@code keyId} of device {@code deviceId} — only when
     * the answer says it is that key: its {@code id}, and its {@code deviceId} where it names one, must be the
     * ones asked for. Anything else (another key, another device, no ID: a misrouting proxy, a cache, a
     * tampered answer) fails closed and no key leaves. The messages never carry the key.
     */
    static String recoveryPassword(JsonNode answer, String keyId, String deviceId) throws GraphException {
        String answeredId = answer == null ? null : Guid.normalize(answer.path("id").asText(null));
        if (answeredId == null || !answeredId.equals(Guid.normalize(keyId))) {
            throw new GraphException(GraphException.Kind.WRONG_OBJECT, "Microsoft Graph answered the read of key " + keyId
                    + " with " + (answeredId == null ? "no key ID" : "key " + answeredId) + "; nothing is released.");
        }
        JsonNode answeredDevice = answer.path("deviceId");
        if (!answeredDevice.isMissingNode() && !answeredDevice.isNull()
                && !Objects.equals(Guid.normalize(answeredDevice.asText()), Guid.normalize(deviceId))) {
            throw new GraphException(GraphException.Kind.WRONG_OBJECT, "Microsoft Graph answered the read of key " + keyId
                    + " of device " + deviceId + " with a key of device " + answeredDevice.asText() + "; nothing is released.");
        }
        String password = answer.path("key").asText(null);
        if (password == null || password.isEmpty()) {
            throw new GraphException(GraphException.Kind.FORBIDDEN, "Microsoft Graph answered without the key: the app"
                    + " needs the application permission " + GraphConnection.KEY_MATERIAL_PERMISSION + ".");
        }
        return password;
    }

    /** {@code volumeType} arrives as {@code "1"}/{@code "2"}/{@code "3"} or as the enum's name. */
    static VolumeType volumeType(String raw) {
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "1", "operatingsystemvolume" -> VolumeType.OPERATING_SYSTEM;
            case "2", "fixeddatavolume" -> VolumeType.FIXED_DATA;
            case "3", "removabledatavolume" -> VolumeType.REMOVABLE_DATA;
            default -> null;
        };
    }

    /** A managed device: Intune's ID, and the Entra device ID it belongs to. */
    static StagedItem managedDevice(JsonNode item) {
        String managedId = item.path("id").asText(null);
        String deviceId = Guid.normalize(item.path("azureADDeviceId").asText(null));
        if (managedId == null || deviceId == null) {
            return null;
        }
        return new StagedItem(StagedItem.Kind.MANAGED_DEVICE, managedId, deviceId, null, null, null);
    }

    /** A {@code managedDeviceEncryptionState}: FAILED when the key backup failed, else encrypted or not. */
    static StagedItem encryptionState(JsonNode item) {
        String managedId = item.path("id").asText(null);
        if (managedId == null) {
            return null;
        }
        return new StagedItem(StagedItem.Kind.ENCRYPTION, managedId, null, null, null, encryption(item).name());
    }

    static Encryption encryption(JsonNode state) {
        String flags = state.path("advancedBitLockerStates").asText("");
        for (String flag : flags.split(",")) {
            if (BACKUP_FAILED.equalsIgnoreCase(flag.trim())) {
                return Encryption.FAILED;
            }
        }
        return "encrypted".equalsIgnoreCase(state.path("encryptionState").asText("")) ? Encryption.ENCRYPTED
                : Encryption.NOT_ENCRYPTED;
    }

    static Long millis(String dateTime) {
        if (dateTime == null || dateTime.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(dateTime).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
