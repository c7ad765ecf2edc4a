package io.keygate.bitlocker.jpa.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import liquibase.change.custom.CustomSqlChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.DeleteStatement;
import liquibase.statement.core.InsertStatement;
import liquibase.structure.core.Table;

/**
 * Moves what earlier versions remembered in realm attributes into {@code BLK_REALM_STATE}: the checkpoint
 * issuer (so the next daily digest still carries a checkpoint without waiting for a request) and when the
 * auditors' digest was last due (so the upgrade sends no extra digest). Then removes those attributes, and
 * {@code bitlocker.config} where the realm's document is already in {@code BLK_REALM_CONFIG}. Read in Java
 * rather than in SQL: {@code REALM_ATTRIBUTE.VALUE} is a character LOB, which databases cast to numbers
 * each in their own way.
 */
public class RealmAttributesToRealmState implements CustomSqlChange {

    static final String ISSUER = "bitlocker.checkpointIssuer";
    static final String DIGEST_LAST_DUE_AT = "bitlocker.digest.lastDueAt";
    static final String CONFIG = "bitlocker.config";
    private static final int MAX_ISSUER = 2048;

    @Override
    public SqlStatement[] generateStatements(Database database) throws CustomChangeException {
        String schema = database.getDefaultSchemaName();
        String attributes = database.escapeTableName(null, schema, database.correctObjectName("REALM_ATTRIBUTE", Table.class));
        String configs = database.escapeTableName(null, schema, database.correctObjectName("BLK_REALM_CONFIG", Table.class));
        List<SqlStatement> statements = new ArrayList<>();
        for (Map.Entry<String, Remembered> realm : remembered(database, attributes).entrySet()) {
            InsertStatement insert = new InsertStatement(null, schema, database.correctObjectName("BLK_REALM_STATE", Table.class))
                    .addColumnValue("REALM_ID", realm.getKey());
            if (realm.getValue().issuer != null) {
                insert.addColumnValue("CHECKPOINT_ISSUER", realm.getValue().issuer);
            }
            if (realm.getValue().digestLastDueAt != null) {
                insert.addColumnValue("DIGEST_LAST_DUE_AT", realm.getValue().digestLastDueAt);
            }
            statements.add(insert);
        }
        statements.add(new DeleteStatement(null, schema, database.correctObjectName("REALM_ATTRIBUTE", Table.class))
                .setWhere("NAME = ? OR NAME = ?").addWhereParameters(ISSUER, DIGEST_LAST_DUE_AT));
        statements.add(new DeleteStatement(null, schema, database.correctObjectName("REALM_ATTRIBUTE", Table.class))
                .setWhere("NAME = ? AND REALM_ID IN (SELECT REALM_ID FROM " + configs + ")").addWhereParameter(CONFIG));
        return statements.toArray(SqlStatement[]::new);
    }

    private static final class Remembered {
        String issuer;
        Long digestLastDueAt;
    }

    /** Per realm, the values worth keeping (a blank or oversized issuer, or a last-due time that is no number, is not). */
    private static Map<String, Remembered> remembered(Database database, String attributes) throws CustomChangeException {
        Map<String, Remembered> found = new TreeMap<>();
        if (!(database.getConnection() instanceof JdbcConnection jdbc)) {
            return found;
        }
        Connection connection = jdbc.getUnderlyingConnection();
        // VALUE is a keyword in some databases (H2): quoted the way this database wants.
        String value = database.escapeColumnName(null, database.getDefaultSchemaName(), "REALM_ATTRIBUTE", "VALUE");
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT REALM_ID, NAME, " + value + " FROM " + attributes + " WHERE NAME = ? OR NAME = ?")) {
            query.setString(1, ISSUER);
            query.setString(2, DIGEST_LAST_DUE_AT);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String text = rows.getString(3);
                    if (text == null || text.isBlank()) {
                        continue;
                    }
                    Remembered realm = found.computeIfAbsent(rows.getString(1), id -> new Remembered());
                    if (ISSUER.equals(rows.getString(2)) && text.length() <= MAX_ISSUER) {
                        realm.issuer = text.trim();
                    } else if (DIGEST_LAST_DUE_AT.equals(rows.getString(2))) {
                        realm.digestLastDueAt = parseMillis(text);
                    }
                }
            }
        } catch (SQLException e) {
            throw new CustomChangeException("cannot read the extension's realm attributes", e);
        }
        found.values().removeIf(r -> r.issuer == null && r.digestLastDueAt == null);
        return found;
    }

    private static Long parseMillis(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String getConfirmationMessage() {
        return "BitLocker realm state moved out of realm attributes";
    }

    @Override
    public void setUp() {
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
