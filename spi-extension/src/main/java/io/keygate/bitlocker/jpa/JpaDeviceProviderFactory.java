package io.keygate.bitlocker.jpa;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.DeviceProviderFactory;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

public class JpaDeviceProviderFactory extends JpaModelProviderFactory implements DeviceProviderFactory {

    /** Whether names order by code point here; learnt from the first session's database (one per server). */
    private volatile Boolean binaryNameOrder;

    @Override
    public DeviceProvider create(KeycloakSession session) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        if (binaryNameOrder == null) {
            binaryNameOrder = ordersNamesByCodePoint(em);
        }
        return new JpaDeviceProvider(session, em, binaryNameOrder);
    }

    /**
     * PostgreSQL compares {@code DEVICE_NAME_LOWER} in collation {@code C} (changelog 2026-12-02-query-indexes)
     * and H2 compares strings by code unit; elsewhere the column's collation may order a name prefix as
     * something other than a range, so names are matched with LIKE alone there.
     */
    private static boolean ordersNamesByCodePoint(EntityManager em) {
        try {
            Dialect dialect = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                    .getDialect();
            return dialect instanceof PostgreSQLDialect || dialect instanceof H2Dialect;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A realm's data goes with the realm. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(RealmDataCleanup::onEvent);
    }
}
