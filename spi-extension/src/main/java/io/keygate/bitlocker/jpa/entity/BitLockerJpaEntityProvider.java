package io.keygate.bitlocker.jpa.entity;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Registers the extension's entities and its Liquibase changelog with Keycloak's JPA setup. */
public class BitLockerJpaEntityProvider implements JpaEntityProvider {

    static final List<Class<?>> ENTITIES = List.of(DeviceEntity.class, RecoveryKeyEntity.class, RotationEntity.class,
            AuditEntryEntity.class, AuditChainEntity.class, TicketAnnotationEntity.class, NotificationEntity.class,
            RealmConfigEntity.class, SyncStateEntity.class, SyncStageEntity.class, ReleaseRequestEntity.class,
            ForwardingCursorEntity.class, DeviceCountEntity.class, RealmStateEntity.class);

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
