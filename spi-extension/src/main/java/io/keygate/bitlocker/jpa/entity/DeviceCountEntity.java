package io.keygate.bitlocker.jpa.entity;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * How many devices of a realm are in one escrow status, kept in step with every status change in the
 * transaction that makes it: the escrow status reads four rows instead of counting the fleet.
 */
@Entity
@Table(name = "BLK_DEVICE_COUNT")
@IdClass(DeviceCountEntity.Key.class)
public class DeviceCountEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Id
    @Column(name = "ESCROW_STATUS", length = 16)
    private String escrowStatus;

    @Column(name = "DEVICES", nullable = false)
    private long devices;

    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getEscrowStatus() { return escrowStatus; }
    public void setEscrowStatus(String escrowStatus) { this.escrowStatus = escrowStatus; }
    public long getDevices() { return devices; }
    public void setDevices(long devices) { this.devices = devices; }

    public static final class Key implements Serializable {
        private String realmId;
        private String escrowStatus;

        public Key() {
        }

        public Key(String realmId, String escrowStatus) {
            this.realmId = realmId;
            this.escrowStatus = escrowStatus;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(realmId, k.realmId) && Objects.equals(escrowStatus, k.escrowStatus);
        }

        @Override
        public int hashCode() {
            return Objects.hash(realmId, escrowStatus);
        }
    }
}
