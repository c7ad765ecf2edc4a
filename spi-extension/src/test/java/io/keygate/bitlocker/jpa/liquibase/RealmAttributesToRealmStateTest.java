package io.keygate.bitlocker.jpa.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.executor.ExecutorService;
import liquibase.statement.SqlStatement;
import org.junit.jupiter.api.Test;

/** The upgrade's move of the extension's realm attributes, on H2 (the database of Keycloak's dev mode). */
class RealmAttributesToRealmStateTest {

    @Test
    void rememberedValuesMoveToTheTableAndTheAttributesGoExceptAConfigurationThatIsTheOnlyCopy() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:upgrade;DB_CLOSE_DELAY=-1");
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE REALM_ATTRIBUTE (NAME VARCHAR(255), REALM_ID VARCHAR(36), \"VALUE\" NCLOB)");
            sql.execute("CREATE TABLE BLK_REALM_CONFIG (REALM_ID VARCHAR(36) PRIMARY KEY, DOCUMENT VARCHAR(16000), UPDATED_AT BIGINT)");
            sql.execute("CREATE TABLE BLK_REALM_STATE (REALM_ID VARCHAR(36) PRIMARY KEY, CHECKPOINT_ISSUER VARCHAR(2048),"
                    + " DIGEST_LAST_DUE_AT BIGINT)");
            sql.execute("INSERT INTO BLK_REALM_CONFIG VALUES ('r1', '{}', 0)");
            sql.execute("INSERT INTO REALM_ATTRIBUTE VALUES"
                    + " ('bitlocker.checkpointIssuer', 'r1', 'https://sso.example.com/realms/one'),"
                    + " ('bitlocker.digest.lastDueAt', 'r1', '1764000000000'),"
                    + " ('bitlocker.config', 'r1', '{\"enabled\":true}'),"
                    + " ('bitlocker.digest.lastDueAt', 'r2', 'not a number'),"
                    + " ('bitlocker.config', 'r2', '{\"enabled\":true}'),"
                    + " ('frontendUrl', 'r2', 'https://sso.example.com')");

            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            for (SqlStatement statement : new RealmAttributesToRealmState().generateStatements(database)) {
                Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", database).execute(statement);
            }

            assertThat(rows(sql, "SELECT REALM_ID, CHECKPOINT_ISSUER, DIGEST_LAST_DUE_AT FROM BLK_REALM_STATE ORDER BY REALM_ID"))
                    .containsExactly("r1|https://sso.example.com/realms/one|1764000000000");
            assertThat(rows(sql, "SELECT REALM_ID, NAME FROM REALM_ATTRIBUTE ORDER BY REALM_ID, NAME"))
                    .as("r1's stale copy of its document goes; r2's only copy stays, unread; Keycloak's own stay")
                    .containsExactly("r2|bitlocker.config", "r2|frontendUrl");
        }
    }

    private static List<String> rows(Statement sql, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = sql.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(result.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
