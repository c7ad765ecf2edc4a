package io.keygate.bitlocker.jpa.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Entity;

import org.junit.jupiter.api.Test;

/** The one entity list holds every entity: one left out would be neither mapped nor deleted with its realm. */
class BitLockerJpaEntityProviderTest {

    @Test
    void everyEntityIsListedOnce() throws Exception {
        File dir = new File(BitLockerJpaEntityProvider.class.getResource("BitLockerJpaEntityProvider.class").toURI()).getParentFile();
        List<Class<?>> entities = new ArrayList<>();
        for (String name : dir.list((d, n) -> n.endsWith(".class") && !n.contains("$"))) {
            Class<?> type = Class.forName(BitLockerJpaEntityProvider.class.getPackageName() + "." + name.replace(".class", ""));
            if (type.isAnnotationPresent(Entity.class)) {
                entities.add(type);
            }
        }

        assertThat(entities).contains(DeviceEntity.class, AuditEntryEntity.class);
        assertThat(BitLockerJpaEntityProvider.ENTITIES).containsExactlyInAnyOrderElementsOf(entities);
    }
}
