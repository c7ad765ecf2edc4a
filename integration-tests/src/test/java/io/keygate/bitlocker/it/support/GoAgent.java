package io.keygate.bitlocker.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One device running the Linux build of the Go agent ({@code agent/}): its BitLocker is the JSON description of
 * volumes the agent's fake reads and changes, its agent key a file. ./test.sh builds the binary before the Maven
 * legs; {@code -Dbitlocker.it.goAgent=PATH} names another.
 */
public final class GoAgent {

    public static final Path BINARY = Path.of(System.getProperty("bitlocker.it.goAgent", "../agent/target/keygate-agent"));

    private final Path dir;
    private final String realm;
    public final String deviceId;
    public final String deviceName;
    private final String owner;

    public record Run(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** A new device with an OS volume (TPM+PIN and a recovery password) and a data volume (a recovery password). */
    public GoAgent(Path dir, String realm, String deviceName, String owner) {
        assertThat(Files.isExecutable(BINARY))
                .as("the Go agent's Linux build %s is missing: build it with `cd agent && go build -o target/keygate-agent "
                        + "./cmd/keygate-agent` (./test.sh does) or name it with -Dbitlocker.it.goAgent", BINARY.toAbsolutePath())
                .isTrue();
        this.dir = dir;
        this.realm = realm;
        this.deviceId = Fleet.guid();
        this.deviceName = deviceName;
        this.owner = owner;
        ArrayNode volumes = Api.JSON.createArrayNode();
        ObjectNode os = volumes.addObject().put("mountPoint", "C:").put("volumeType", "OPERATING_SYSTEM").put("encryption", "ENCRYPTED");
        os.putArray("protectors").add(protector(Fleet.guid(), "TpmPin", null)).add(protector(Fleet.guid(), "RecoveryPassword",
                Fleet.recoveryPassword()));
        ObjectNode data = volumes.addObject().put("mountPoint", "D:").put("volumeType", "FIXED_DATA").put("encryption", "ENCRYPTED");
        data.putArray("protectors").add(protector(Fleet.guid(), "RecoveryPassword", Fleet.recoveryPassword()));
        write(volumes);
    }

    private static ObjectNode protector(String id, String type, String password) {
        ObjectNode p = Api.JSON.createObjectNode().put("id", id).put("type", type);
        if (password != null) {
            p.put("recoveryPassword", password);
        }
        return p;
    }

    private Path volumesFile() {
        return dir.resolve(deviceId + ".volumes.json");
    }

    public void write(JsonNode volumes) {
        try {
            Files.createDirectories(dir);
            Files.writeString(volumesFile(), volumes.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode volumes() {
        try {
            return Api.JSON.readTree(volumesFile().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The device's recovery-password protectors now, as {keyId, password, volumeType}; each is noted for the leak checks. */
    public List<Fleet.Key> recoveryPasswords() {
        List<Fleet.Key> keys = new ArrayList<>();
        for (JsonNode v : volumes()) {
            for (JsonNode p : v.path("protectors")) {
                if (p.path("type").asText().equals("RecoveryPassword")) {
                    Fleet.ISSUED.add(p.path("recoveryPassword").asText());
                    keys.add(new Fleet.Key(p.path("id").asText(), p.path("recoveryPassword").asText(), v.path("volumeType").asText()));
                }
            }
        }
        return keys;
    }

    /** {@code keygate-agent once}: one check-in, rotating when told. {@code keyName} picks the agent key file. */
    public Run once(String keyName) {
        return run(keyName, "once");
    }

    public Run once() {
        return once("agent");
    }

    /** {@code keygate-agent thumbprint}: the RFC 7638 thumbprint of the agent key an admin pins. */
    public String thumbprint(String keyName) {
        Run run = run(keyName, "thumbprint");
        assertThat(run.exitCode()).as("thumbprint: %s", run).isZero();
        return run.stdout().strip();
    }

    /** {@code keygate-agent proof}: a DPoP proof the Go agent signs for one request ({@code accessToken} may be empty). */
    public String proof(String keyName, String method, String url, String accessToken) {
        Process process = start(keyName, "proof", "-method", method, "-url", url);
        try (var stdin = process.getOutputStream()) {
            stdin.write(accessToken.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Run run = finish(process);
        assertThat(run.exitCode()).as("proof: %s", run).isZero();
        return run.stdout().strip();
    }

    public Process start(String keyName, String command, String... more) {
        ProcessBuilder builder = new ProcessBuilder(BINARY.toAbsolutePath().toString(), command,
                "-realm-url", Api.BASE + "/realms/" + realm, "-client-id", TestRealm.AGENT_CLIENT, "-device-id", deviceId,
                "-device-name", deviceName, "-volumes", volumesFile().toString(), "-key-file", dir.resolve(deviceId + "." + keyName).toString());
        if (owner != null) {
            builder.command().addAll(List.of("-owner", owner));
        }
        builder.command().addAll(List.of(more));
        // The secret goes by the environment, never the command line (which shows in the process list).
        builder.environment().put("KEYGATE_CLIENT_SECRET", TestRealm.AGENT_SECRET);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Run finish(Process process) {
        try {
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the agent finished").isTrue();
            return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Run run(String keyName, String command) {
        return finish(start(keyName, command));
    }
}
