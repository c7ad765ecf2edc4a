package io.keygate.bitlocker.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * The statements Hibernate sent on the server's request threads while a request ran, from the test providers'
 * {@code sql-trace} resource: what a request costs the database.
 */
public final class SqlTrace {

    private SqlTrace() {
    }

    /** The statements the server sent on request threads while {@code request} ran. */
    public static List<String> of(String realm, Runnable request) throws Exception {
        String trace = Api.BASE + "/realms/" + realm + "/sql-trace";
        assertThat(Api.post(trace + "/start", "").send().status()).isEqualTo(204);
        Map<String, List<String>> byThread;
        try {
            request.run();
        } finally {
            Api.Reply stopped = Api.post(trace + "/stop", "").send();
            byThread = Api.JSON.readValue(stopped.body(), new TypeReference<>() { });
        }
        return byThread.entrySet().stream().filter(e -> e.getKey().startsWith("executor-thread"))
                .flatMap(e -> e.getValue().stream()).toList();
    }
}
