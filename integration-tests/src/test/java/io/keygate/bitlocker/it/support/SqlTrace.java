package io.keygate.bitlocker.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * The extension's SQL statements (those on its {@code BLK_} tables) that the server sent on its request threads while
 * a request ran, in order and upper-cased: through the test providers' {@code sql-trace} resource, which listens to
 * Hibernate's {@code org.hibernate.SQL} category for that window only. Scheduled tasks run on other threads.
 */
public final class SqlTrace {

    private SqlTrace() {
    }

    public static List<String> ofExtension(String realm, Runnable request) {
        String trace = Api.BASE + "/realms/" + realm + "/sql-trace";
        assertThat(Api.post(trace + "/start", "").send().status()).isEqualTo(204);
        Map<String, List<String>> byThread;
        try {
            request.run();
        } finally {
            Api.Reply stopped = Api.post(trace + "/stop", "").send();
            try {
                byThread = Api.JSON.readValue(stopped.body(), new TypeReference<>() { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return byThread.entrySet().stream().filter(e -> e.getKey().startsWith("executor-thread"))
                .flatMap(e -> e.getValue().stream()).map(s -> s.toUpperCase(Locale.ROOT))
                .filter(s -> s.contains("BLK_")).toList();
    }
}
