package io.keygate.bitlocker.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A Keycloak server this test starts and stops itself (a second node, or one that must restart in the
 * middle of a test — what the test framework's one shared server cannot do): the same distribution
 * from the local Maven repository, the provider bundle of this build, its own ports and log.
 */
public final class KeycloakNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Path home;
    private final int httpPort;
    private final int managementPort;
    private final List<String> options;
    private final Path log;
    private Process process;

    private KeycloakNode(String name, Path home, int httpPort, int managementPort, List<String> options) {
        this.name = name;
        this.home = home;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.options = options;
        this.log = home.resolveSibling(name + ".log");
    }

    /**
     * Unpacks a fresh distribution under {@code target/nodes/<name>} with the provider bundle
     * ({@code distribution/target/providers}) in {@code providers/}.
     */
    public static KeycloakNode install(String name, int httpPort, int managementPort, List<String> options) {
        String version = System.getProperty("bitlocker.it.keycloakVersion", "26.7.3");
        Path repository = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
        Path zip = repository.resolve("org/keycloak/keycloak-quarkus-dist/" + version + "/keycloak-quarkus-dist-" + version + ".zip");
        Path providers = Path.of(System.getProperty("bitlocker.it.providers", "../distribution/target/providers")).toAbsolutePath();
        Path nodes = Path.of("target", "nodes").toAbsolutePath();
        Path home = nodes.resolve(name);
        try {
            deleteTree(home);
            Files.deleteIfExists(nodes.resolve(name + ".log"));
            Files.createDirectories(home);
            unzip(zip, home);
            try (var jars = Files.list(providers)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    Files.copy(jar, home.resolve("providers").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install Keycloak node " + name + " from " + zip + " and " + providers, e);
        }
        return new KeycloakNode(name, home, httpPort, managementPort, List.copyOf(options));
    }

    /** Starts the node (development mode, its own file database) and waits until it answers. */
    public void start() {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + httpPort, "--http-management-port=" + managementPort));
        if (options.stream().noneMatch(o -> o.startsWith("--hostname="))) {
            command.add("--hostname-strict=false");
        }
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak node " + name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (answers()) {
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException("Keycloak node " + name + " did not start in time; see " + log);
    }

    private boolean answers() {
        try {
            HttpResponse<Void> reply = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/realms/master"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return reply.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A graceful stop (SIGTERM), as an operator's restart does. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            waitForExit();
        }
    }

    /** {@code kill -9} of the server's JVM, as a crash does. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public Path log() {
        return log;
    }

    /** Waits until the node's log has a line matching the pattern (a cluster view, say). */
    public void awaitLog(java.util.regex.Pattern line, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(log) && Files.readAllLines(log).stream().anyMatch(l -> line.matcher(l).find())) {
                    return;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sleep(500);
        }
        throw new AssertionError("no line matching " + line + " in " + log);
    }

    @Override
    public void close() {
        stop();
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                // The archive's top folder (keycloak-<version>/) is dropped.
                String name = entry.getName().substring(entry.getName().indexOf('/') + 1);
                if (name.isEmpty()) {
                    continue;
                }
                Path file = target.resolve(name).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                    continue;
                }
                Files.createDirectories(file.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                if (name.endsWith(".sh")) {
                    file.toFile().setExecutable(true);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
