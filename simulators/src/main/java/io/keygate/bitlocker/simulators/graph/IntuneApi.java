package io.keygate.bitlocker.simulators.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Intune: {@code /deviceManagement/managedDevices} (v1.0 and beta), {@code …/{id}/rotateBitLockerKeys} (beta) and
 * {@code /deviceManagement/managedDeviceEncryptionStates} (beta). Rotations happen at once or, with
 * {@code rotateImmediately(false)}, when the test completes them.
 */
final class IntuneApi {

    private final GraphFleet fleet;
    private final List<String> rotations = new CopyOnWriteArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private volatile boolean rotateImmediately = true;

    IntuneApi(GraphFleet fleet) {
        this.fleet = fleet;
    }

    /** Segments: {@code deviceManagement, managedDevices[, id[, rotateBitLockerKeys]]} or {@code …, managedDeviceEncryptionStates}. */
    ObjectNode handle(GraphCall call) {
        List<String> segments = call.segments();
        if (call.segmentIs(1, "managedDeviceEncryptionStates") && call.isBeta() && segments.size() == 2) {
            call.requireMethod("GET");
            return encryptionStates(call);
        }
        if (!call.segmentIs(1, "managedDevices")) {
            throw GraphException.segmentNotFound(segments.size() > 1 ? segments.get(1) : segments.get(0));
        }
        if (segments.size() == 4 && call.segmentIs(3, "rotateBitLockerKeys") && call.isBeta()) {
            call.requireMethod("POST");
            call.requireAny(GraphPermissions.MANAGED_DEVICES_READ_WRITE_ALL,
                    GraphPermissions.MANAGED_DEVICES_PRIVILEGED_OPERATIONS_ALL);
            rotate(managed(segments.get(2)));
            return null;
        }
        if (segments.size() > 3) {
            throw GraphException.segmentNotFound(segments.get(3));
        }
        call.requireMethod("GET");
        call.requireAny(GraphPermissions.MANAGED_DEVICES_READ_ALL, GraphPermissions.MANAGED_DEVICES_READ_WRITE_ALL);
        Set<String> select = call.query().select();
        if (segments.size() == 3) {
            ObjectNode item = JsonNodeFactory.instance.objectNode()
                    .put("@odata.context", call.context("deviceManagement/managedDevices/$entity"));
            item.setAll(GraphCall.selected(managedDevice(managed(segments.get(2))), select));
            return item;
        }
        GraphQuery.Filter filter = call.query().filter();
        Predicate<DeviceEntry> matches = d -> true;
        if (filter != null) {
            String property = filter.property();
            String value = filter.value();
            if (property.equalsIgnoreCase("azureADDeviceId")) {
                matches = d -> d.deviceId.equals(GraphFleet.uuid(value));
            } else if (property.equalsIgnoreCase("deviceName")) {
                matches = d -> d.name.equalsIgnoreCase(value);
            } else if (property.equalsIgnoreCase("operatingSystem")) {
                matches = d -> d.operatingSystem.equalsIgnoreCase(value);
            } else {
                throw GraphException.badRequest("Invalid filter clause: '" + property + "' is not supported.");
            }
        }
        int size = call.query().top(call.pageSize(), 1000);
        return call.page("deviceManagement/managedDevices", after -> fleet.deviceEntries().tailMap(after, false).values(),
                d -> d.seq, matches, size, d -> GraphCall.selected(managedDevice(d), select));
    }

    void rotateImmediately(boolean immediately) {
        this.rotateImmediately = immediately;
    }

    List<String> rotations() {
        return List.copyOf(rotations);
    }

    /** Carries out the rotations requested while {@code rotateImmediately} was off; returns the new OS keys. */
    List<RecoveryKey> completePendingRotations() {
        List<String> due;
        synchronized (pending) {
            due = List.copyOf(pending);
            pending.clear();
        }
        List<RecoveryKey> created = new ArrayList<>();
        for (String managedId : due) {
            DeviceEntry device = fleet.entryByManagedId(managedId);
            if (device != null) {
                created.add(fleet.rotateOsKey(device).view());
            }
        }
        return created;
    }

    void clear() {
        rotations.clear();
        synchronized (pending) {
            pending.clear();
        }
    }

    private void rotate(DeviceEntry device) {
        String managedId = device.managedId.toString();
        rotations.add(managedId);
        if (rotateImmediately) {
            fleet.rotateOsKey(device);
        } else {
            synchronized (pending) {
                pending.add(managedId);
            }
        }
    }

    private DeviceEntry managed(String id) {
        DeviceEntry device = fleet.entryByManagedId(id);
        if (device == null) {
            throw new GraphException(404, "ResourceNotFound", "Resource not found: managedDevice '" + id + "'.");
        }
        return device;
    }

    private ObjectNode encryptionStates(GraphCall call) {
        call.requireAny(GraphPermissions.DEVICE_MANAGEMENT_CONFIGURATION_READ_ALL,
                GraphPermissions.DEVICE_MANAGEMENT_CONFIGURATION_READ_WRITE_ALL);
        GraphQuery.Filter filter = call.query().filter();
        Predicate<DeviceEntry> matches = d -> true;
        if (filter != null && filter.property().equalsIgnoreCase("deviceName")) {
            matches = d -> d.name.equalsIgnoreCase(filter.value());
        } else if (filter != null && filter.property().equalsIgnoreCase("id")) {
            matches = d -> d.managedId.equals(GraphFleet.uuid(filter.value()));
        } else if (filter != null) {
            throw GraphException.badRequest("Invalid filter clause: '" + filter.property() + "' is not supported.");
        }
        Set<String> select = call.query().select();
        int size = call.query().top(call.pageSize(), 1000);
        return call.page("deviceManagement/managedDeviceEncryptionStates",
                after -> fleet.deviceEntries().tailMap(after, false).values(), d -> d.seq, matches, size,
                d -> GraphCall.selected(encryptionState(d), select));
    }

    private static ObjectNode managedDevice(DeviceEntry device) {
        String upn = device.owner == null ? "" : device.owner.userPrincipalName();
        return JsonNodeFactory.instance.objectNode()
                .put("id", device.managedId.toString())
                .put("userId", device.owner == null ? "" : device.owner.id())
                .put("deviceName", device.name)
                .put("managedDeviceOwnerType", "company")
                .put("enrolledDateTime", "2026-01-15T08:00:00Z")
                .put("lastSyncDateTime", "2026-06-01T08:00:00Z")
                .put("operatingSystem", device.operatingSystem)
                .put("complianceState", "compliant")
                .put("managementAgent", "mdm")
                .put("osVersion", "10.0.22631.4169")
                .put("azureADRegistered", true)
                .put("deviceEnrollmentType", "windowsAzureADJoin")
                .put("azureADDeviceId", device.deviceId.toString())
                .put("deviceRegistrationState", "registered")
                .put("isEncrypted", device.encrypted)
                .put("userPrincipalName", upn)
                .put("emailAddress", device.owner == null ? "" : device.owner.mail())
                .put("model", "Surface Laptop 5")
                .put("manufacturer", "Microsoft Corporation")
                .put("serialNumber", Long.toHexString(device.managedId.getMostSignificantBits()).toUpperCase());
    }

    private static ObjectNode encryptionState(DeviceEntry device) {
        boolean hasOsKey = false;
        for (KeyEntry key : device.keys) {
            hasOsKey |= key.volumeType() == VolumeType.OPERATING_SYSTEM_VOLUME;
        }
        List<String> states = new ArrayList<>();
        if (!device.encrypted) {
            states.add("osVolumeUnprotected");
        }
        if (device.backupFailed) {
            states.add("recoveryKeyBackupFailed");
        }
        ObjectNode item = JsonNodeFactory.instance.objectNode()
                .put("id", device.managedId.toString())
                .put("userPrincipalName", device.owner == null ? "" : device.owner.userPrincipalName())
                .put("deviceType", "windowsRT")
                .put("osVersion", "10.0.22631.4169")
                .put("tpmSpecificationVersion", "2.0")
                .put("deviceName", device.name)
                .put("encryptionReadinessState", "ready")
                .put("encryptionState", device.encrypted ? "encrypted" : "notEncrypted")
                .put("encryptionPolicySettingState", device.encrypted && hasOsKey ? "compliant" : "error")
                .put("advancedBitLockerStates", states.isEmpty() ? "success" : String.join(",", states))
                .putNull("fileVaultStates");
        item.putArray("policyDetails");
        return item;
    }
}
