package io.keygate.bitlocker.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Keycloak's database out of reach — a connection cut, a new one refused. Nothing can be audited then, so
 * every request of ours gets SPEC §3 step 9's answer, {@code 503 audit_unavailable} with nothing changed,
 * instead of Keycloak's generic 500.
 */
public final class DatabaseUnavailable {

    private static final int MAX_CAUSES = 20;

    private DatabaseUnavailable() {
    }

    /**
     * Whether a failed connection is among the causes: a {@link SQLException} of SQLState class {@code 08}
     * (connection exception; how the PostgreSQL, MySQL and Oracle drivers report a lost or refused connection),
     * or a {@link SQLTransientConnectionException}. Hibernate and Keycloak wrap it; constraint violations and
     * other SQL errors are not outages.
     */
    public static boolean isCause(Throwable failure) {
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    public static Problem problem() {
        return Problem.of(ProblemCode.AUDIT_UNAVAILABLE,
                "The database that holds the audit log cannot be reached; nothing was released or changed. Try again shortly.");
    }
}
