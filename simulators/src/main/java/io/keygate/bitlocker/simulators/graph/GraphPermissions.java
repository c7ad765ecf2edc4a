package io.keygate.bitlocker.simulators.graph;

import java.util.Set;

/** The Microsoft Graph application permissions (app roles) the simulator checks. */
public final class GraphPermissions {

    public static final String BITLOCKER_KEY_READ_BASIC_ALL = "BitlockerKey.ReadBasic.All";
    public static final String BITLOCKER_KEY_READ_ALL = "BitlockerKey.Read.All";
    public static final String DEVICE_READ_ALL = "Device.Read.All";
    public static final String MANAGED_DEVICES_READ_ALL = "DeviceManagementManagedDevices.Read.All";
    public static final String MANAGED_DEVICES_READ_WRITE_ALL = "DeviceManagementManagedDevices.ReadWrite.All";
    public static final String MANAGED_DEVICES_PRIVILEGED_OPERATIONS_ALL =
            "DeviceManagementManagedDevices.PrivilegedOperations.All";
    public static final String DEVICE_MANAGEMENT_CONFIGURATION_READ_ALL = "DeviceManagementConfiguration.Read.All";
    public static final String DEVICE_MANAGEMENT_CONFIGURATION_READ_WRITE_ALL =
            "DeviceManagementConfiguration.ReadWrite.All";

    /** Every permission above: an app that may do everything the simulator serves. */
    public static final Set<String> ALL = Set.of(BITLOCKER_KEY_READ_BASIC_ALL, BITLOCKER_KEY_READ_ALL, DEVICE_READ_ALL,
            MANAGED_DEVICES_READ_ALL, MANAGED_DEVICES_READ_WRITE_ALL, MANAGED_DEVICES_PRIVILEGED_OPERATIONS_ALL,
            DEVICE_MANAGEMENT_CONFIGURATION_READ_ALL, DEVICE_MANAGEMENT_CONFIGURATION_READ_WRITE_ALL);

    private GraphPermissions() {
    }
}
