package io.keygate.bitlocker.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    /** As Hibernate's JDBCConnectionException inside Keycloak's ModelException carries the driver's exception. */
    private static RuntimeException wrapped(Throwable driver) {
        return new RuntimeException("Database operation failed",
                new RuntimeException("JDBC exception executing SQL [An I/O error occurred while sending to the backend.]", driver));
    }

    @Test
    void aLostOrRefusedConnectionIsAnOutage() {
        assertThat(DatabaseUnavailable.isCause(wrapped(new SQLException("An I/O error occurred while sending to the backend.", "08006"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(wrapped(new SQLException("The connection attempt failed.", "08001")))).isTrue();
        assertThat(DatabaseUnavailable.isCause(wrapped(new SQLTransientConnectionException("pool: no connection")))).isTrue();
    }

    @Test
    void otherSqlErrorsAndOtherFailuresAreNot() {
        assertThat(DatabaseUnavailable.isCause(wrapped(new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.isCause(wrapped(new SQLException("no state")))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void itsProblemIsAuditUnavailableAndCarriesNoDetailOfTheFailure() {
        Problem problem = DatabaseUnavailable.problem();
        assertThat(problem.code()).isEqualTo(ProblemCode.AUDIT_UNAVAILABLE);
        assertThat(problem.code().status()).isEqualTo(503);
        assertThat(problem.detail()).doesNotContain("SQL", "Exception");
    }
}
