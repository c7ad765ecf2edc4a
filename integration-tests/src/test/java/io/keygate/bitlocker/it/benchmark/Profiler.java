package io.keygate.bitlocker.it.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder profile of the Keycloak server while one load runs: started and dumped with {@code jcmd} on
 * the server's process (same machine, same user), then read back here with {@code jdk.jfr.consumer}. The summary
 * says where the server's threads were sampled — in the database driver, Hibernate, JSON, cryptography, Keycloak,
 * the HTTP stack or the extension (the topmost frame of one of those decides) — and under which of the extension's
 * methods (the innermost of its frames on each sampled stack). The recording stays beside the report for {@code jfr} or JDK Mission Control.
 */
final class Profiler {

    /** Package prefixes, first match from the top of the stack wins. */
    private static final Map<String, List<String>> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("database driver (round trips)", List.of("org.postgresql.", "org.h2."));
        LAYERS.put("connection pool", List.of("io.agroal."));
        LAYERS.put("Hibernate", List.of("org.hibernate."));
        LAYERS.put("JSON", List.of("com.fasterxml."));
        LAYERS.put("cryptography", List.of("sun.security.", "java.security.", "javax.crypto.", "com.sun.crypto.",
                "org.bouncycastle.", "org.keycloak.jose.", "org.keycloak.crypto."));
        LAYERS.put("extension", List.of("io.keygate."));
        LAYERS.put("Keycloak", List.of("org.keycloak."));
        LAYERS.put("HTTP stack", List.of("io.vertx.", "io.netty.", "io.quarkus.", "org.jboss.resteasy."));
    }

    private final long pid;
    private final Path directory;

    Profiler(long pid, Path directory) {
        this.pid = pid;
        this.directory = directory.toAbsolutePath();
    }

    /** Records the server while {@code load} runs; returns the summary of its request threads for the report. */
    String profile(String name, Runnable load) {
        Recording recording = start(name);
        try {
            load.run();
        } finally {
            recording.stop();
        }
        return recording.summary(Profiler::requestThread);
    }

    /** A recording of the server under way, started with {@code jcmd JFR.start}. */
    Recording start(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        Path file = directory.resolve(slug + ".jfr");
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(file);
            jcmd("JFR.start", "name=" + slug, "settings=profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Recording(slug, file);
    }

    final class Recording {
        private final String slug;
        private final Path file;

        private Recording(String slug, Path file) {
            this.slug = slug;
            this.file = file;
        }

        /** Ends the recording and writes it beside the report. */
        void stop() {
            try {
                jcmd("JFR.stop", "name=" + slug, "filename=" + file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Where the threads {@code threads} accepts (by name) were sampled. */
        String summary(Predicate<String> threads) {
            try {
                return Profiler.summary(file, threads);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void jcmd(String... command) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new java.util.ArrayList<>(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
                Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0 || out.contains("Could not") || out.contains("Exception")) {
                throw new IOException(String.join(" ", line) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Samples of the threads (CPU and native, e.g. a socket read) by layer and by extension method. */
    static String summary(Path file, Predicate<String> threads) throws IOException {
        Map<String, Integer> layers = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            var thread = event.getThread("sampledThread");
            if (stack == null || thread == null || !threads.test(String.valueOf(thread.getJavaName()))) {
                continue;
            }
            String threadName = String.valueOf(thread.getJavaName());
            if (type.equals("jdk.NativeMethodSample") && threadName.startsWith("vert.x-")) {
                continue;   // an event loop in native code is waiting for the network: idle, not the request's time
            }
            total++;
            layers.merge(layer(stack.getFrames()), 1, Integer::sum);
            for (RecordedFrame frame : stack.getFrames()) {
                String owner = frame.getMethod().getType().getName();
                if (owner.startsWith("io.keygate.") && !owner.contains("$quarkusrestinvoker$")) {
                    ours.merge(owner.substring(owner.lastIndexOf('.') + 1) + "." + frame.getMethod().getName(), 1,
                            Integer::sum);
                    break;
                }
            }
        }
        if (total == 0) {
            return "no samples of those threads in " + file.getFileName();
        }
        int all = total;
        String byLayer = layers.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.0f %%", e.getKey(), 100.0 * e.getValue() / all))
                .collect(Collectors.joining(", "));
        String hottest = ours.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5)
                .map(e -> String.format(Locale.ROOT, "`%s` %.0f %%", e.getKey(), 100.0 * e.getValue() / all))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%,d samples (`%s`): %s; the extension's innermost method on the stack: %s", total,
                file.getFileName(), byLayer, hottest.isEmpty() ? "none" : hottest);
    }

    /**
     * Keycloak's request threads (Quarkus' executor, Vert.x' event loops), the extension's own workers and the common
     * pool a request's parallel work runs on.
     */
    static boolean requestThread(String name) {
        return name.startsWith("executor-thread") || name.startsWith("ForkJoinPool") || name.startsWith("vert.x-") || name.startsWith("keygate")
                || name.contains("bitlocker");
    }

    private static String layer(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
                if (layer.getValue().stream().anyMatch(type::startsWith)) {
                    return layer.getKey();
                }
            }
        }
        return "JDK and other";
    }
}
