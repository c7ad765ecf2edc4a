package io.keygate.bitlocker.model;

/** The storage of devices, keys and rotations; the extension ships a JPA implementation. */
public class DeviceSpi extends ModelSpi {

    public DeviceSpi() {
        super("bitlocker-device", DeviceProvider.class, DeviceProviderFactory.class);
    }
}
