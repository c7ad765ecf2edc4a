package io.keygate.bitlocker.jpa.entity;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Registers the extension's entities and its Liquibase changelog with Keycloak's JPA setup. */
public class BitLockerJpaEntityProvider implements JpaEntityProvider {

    /**
     * The extension's entities, the one list: Keycloak's JPA setup reads it, and a removed realm's rows are
     * deleted in this order (rows that reference a device before the device).
     */
    public static final List<Class<?>> ENTITIES = List.of(NotificationEntity.class, TicketAnnotationEntity.class,
            CampaignDeviceEntity.class, CampaignEntity.class,
            AuditEntryEntity.class, AuditChainEntity.class, RotationEntity.class, KeyPackageEntity.class,
            RecoveryKeyEntity.class, DeviceEntity.class,
            DeviceCountEntity.class, RealmConfigEntity.class, SyncStateEntity.class, SyncStageEntity.class,
            ReleaseRequestEntity.class, ForwardingCursorEntity.class, RealmStateEntity.class);

    @Override
    public List<Class<?>> getEntities() {
        return ENTITIES;
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/bitlocker-changelog-master.xml";
    }

    @Override
    public String getFactoryId() {
        return BitLockerJpaEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
