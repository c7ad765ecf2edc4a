package io.keygate.bitlocker.it.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The release archive's {@code providers/} as a security team vets it: none of its jars is a library Keycloak already
 * ships in {@code lib/lib/main} (SPEC §1: a second copy on the class path is a version conflict waiting to happen),
 * and the SBOM written beside the archive names exactly those jars. No server: it reads what the build wrote.
 */
class ProviderBundleTest {

    /** Set by the module's build: the distribution's target folder, the version, Keycloak's distribution archive. */
    private static final Path DISTRIBUTION = Path.of(System.getProperty("bitlocker.it.distribution", "../distribution/target"));
    private static final String VERSION = System.getProperty("bitlocker.it.version");
    private static final Path KEYCLOAK = Path.of(System.getProperty("bitlocker.it.keycloakDistribution", "none"));

    /** A jar copied by Maven is artifactId-version.jar; Keycloak's are groupId.artifactId-version.jar. */
    private static final Pattern ARTIFACT = Pattern.compile("(.+?)-\\d.*\\.jar");

    @Test
    void theBundleHoldsNoJarKeycloakShips() throws IOException {
        List<String> shipped;
        try (ZipFile keycloak = new ZipFile(KEYCLOAK.toFile())) {
            shipped = keycloak.stream().map(ZipEntry::getName)
                    .filter(name -> name.matches("[^/]+/lib/lib/main/[^/]+\\.jar"))
                    .map(name -> name.substring(name.lastIndexOf('/') + 1)).toList();
        }
        // The lookup finds what SPEC §1 says Keycloak ships, so the empty answer below means something.
        assertThat(shipped).anyMatch(jar -> ships(jar, "jackson-databind"));

        List<String> bundled = bundledJars();
        assertThat(bundled).contains("keygate-spi-extension-" + VERSION + ".jar");
        assertThat(bundled).as("jars of the bundle that Keycloak already ships")
                .filteredOn(jar -> shipped.stream().anyMatch(keycloakJar -> ships(keycloakJar, artifactId(jar)))).isEmpty();
    }

    @Test
    void theSbomNamesEveryJarOfTheBundle() throws IOException {
        Path file = DISTRIBUTION.resolve("bitlocker-keygate-" + VERSION + ".cdx.json");
        // The CycloneDX plugin skips itself when Maven runs offline (-o): build the distribution online once.
        assertThat(file).as("the SBOM beside the release archive").exists();
        JsonNode bom = new ObjectMapper().readTree(file.toFile());
        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        List<String> components = new ArrayList<>();
        bom.path("components").forEach(c -> {
            components.add(c.path("name").asText() + "-" + c.path("version").asText() + ".jar");
            assertThat(c.path("hashes").toString()).as(c.path("name").asText()).contains("SHA-256");
        });
        assertThat(components).containsExactlyInAnyOrderElementsOf(bundledJars());
    }

    private static List<String> bundledJars() throws IOException {
        try (Stream<Path> files = Files.list(DISTRIBUTION.resolve("providers"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".jar")).toList();
        }
    }

    private static String artifactId(String jar) {
        Matcher m = ARTIFACT.matcher(jar);
        return m.matches() ? m.group(1) : jar;
    }

    /** Whether Keycloak's jar is that artifact, in any version and from any group. */
    private static boolean ships(String keycloakJar, String artifactId) {
        return keycloakJar.matches(".*\\." + Pattern.quote(artifactId) + "-\\d.*\\.jar");
    }
}
