package io.keygate.bitlocker.testproviders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * The SQL statements Hibernate sends while a test watches, by the thread that sent them:
 * {@code POST /realms/{realm}/sql-trace/start}, one request under test, then {@code POST …/stop}
 * answers {@code {"thread": ["select …", …]}}. It listens to the {@code org.hibernate.SQL} category
 * for that window only, without passing the lines on to the server log. Tests only: a test counts
 * the statements of a request (a reveal reads the device once).
 */
public class SqlTraceResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "sql-trace";
    private static final Logger SQL = Logger.getLogger("org.hibernate.SQL");

    private static final Map<String, List<String>> STATEMENTS = new ConcurrentHashMap<>();
    private static final Handler COLLECTOR = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String statement = record.getParameters() == null || record.getParameters().length == 0
                    ? record.getMessage() : String.format(record.getMessage(), record.getParameters());
            STATEMENTS.computeIfAbsent(Thread.currentThread().getName(), t -> new ArrayList<>())
                    .add(statement.strip().replaceAll("\\s+", " "));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static Level previousLevel;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new Trace();
            }

            @Override
            public void close() {
            }
        };
    }

    public static class Trace {
        @POST
        @Path("start")
        public void start() {
            synchronized (SQL) {
                STATEMENTS.clear();
                if (previousLevel == null) {
                    previousLevel = SQL.getLevel() == null ? Level.INFO : SQL.getLevel();
                    SQL.addHandler(COLLECTOR);
                    SQL.setUseParentHandlers(false);
                }
                SQL.setLevel(Level.FINE);
            }
        }

        @POST
        @Path("stop")
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, List<String>> stop() {
            synchronized (SQL) {
                if (previousLevel != null) {
                    SQL.setLevel(previousLevel);
                    SQL.removeHandler(COLLECTOR);
                    SQL.setUseParentHandlers(true);
                    previousLevel = null;
                }
                Map<String, List<String>> seen = Map.copyOf(STATEMENTS);
                STATEMENTS.clear();
                return seen;
            }
        }
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
