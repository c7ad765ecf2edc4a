package io.keygate.bitlocker.jpa.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which writes of a device row drop its cached copies (DeviceChangeListener): all but a check-in's time. */
class DeviceEntityTest {

    private static DeviceEntity loaded() {
        DeviceEntity device = new DeviceEntity();
        device.setRealmId("realm");
        device.setDeviceId("device");
        device.setDeviceName("PC-1");
        device.setEscrowStatus("ESCROWED");
        device.setOwnerUserId("user-1");
        device.loaded();
        return device;
    }

    @Test
    void aWriteOfTheCheckInTimeAloneChangesNothingShown() {
        DeviceEntity device = loaded();
        device.setLastCheckIn(42L);
        device.setUpdatedAt(42L);
        device.setSyncedAt(42L);

        assertThat(device.written().shownChanged()).isFalse();
    }

    @Test
    void anOwnerChangeIsAChangeAndTheNextWriteComparesWithIt() {
        DeviceEntity device = loaded();
        device.setOwnerUserId("user-2");

        assertThat(device.written().shownChanged()).isTrue();
        device.setLastCheckIn(43L);
        assertThat(device.written().shownChanged()).isFalse();
    }

    @Test
    void everyShownColumnCounts() {
        DeviceEntity device = loaded();
        device.setBoundJkt("jkt");
        assertThat(device.written().shownChanged()).isTrue();
        device.setRemovedAt(1L);
        assertThat(device.written().shownChanged()).isTrue();
        device.setDeviceName("PC-2");
        assertThat(device.written().shownChanged()).isTrue();
        device.setEncryption("ENCRYPTING");
        assertThat(device.written().shownChanged()).isTrue();
        device.setStatusSince(7L);
        assertThat(device.written().shownChanged()).isTrue();
    }

    @Test
    void aRowThisSessionCreatedIsAChange() {
        DeviceEntity device = new DeviceEntity();
        device.setLastCheckIn(1L);

        assertThat(device.written().shownChanged()).isTrue();
    }

    @Test
    void onlyANewNameOrANewRowChangesTheNamesShared() {
        DeviceEntity device = loaded();
        device.setOwnerUserId("user-2");
        device.setBoundJkt("jkt");
        assertThat(device.written()).isEqualTo(new DeviceEntity.Written(true, false));

        device.setDeviceName("PC-2");
        assertThat(device.written()).isEqualTo(new DeviceEntity.Written(true, true));
        device.setLastCheckIn(44L);
        assertThat(device.written()).isEqualTo(new DeviceEntity.Written(false, false));

        assertThat(new DeviceEntity().written().nameChanged()).isTrue();
    }
}
