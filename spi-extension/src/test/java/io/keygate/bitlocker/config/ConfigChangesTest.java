package io.keygate.bitlocker.config;

import static io.keygate.bitlocker.config.TestDocuments.INSTALLED;
import static io.keygate.bitlocker.config.TestDocuments.KEK;
import static io.keygate.bitlocker.config.TestDocuments.apply;
import static io.keygate.bitlocker.config.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What an update changed, by dotted path. */
class ConfigChangesTest {

    @Test
    void changedKeysAreNamedByTheirDottedPath() throws ConfigValidationException {
        BitLockerConfig before = apply("{'ticketing':{'token':'old-t0ken'}}");
        BitLockerConfig after = ConfigDocument.applyUpdate(before, json("{'enabled':true,"
                + "'ticketing':{'token':'new-t0ken','incidentTypes':['Problem']},'stepUp':{'maxAgeSeconds':60}}"), INSTALLED);

        assertThat(ConfigDocument.changedPaths(before, after)).containsExactlyInAnyOrder(
                "enabled", "ticketing.token", "ticketing.incidentTypes", "stepUp.maxAgeSeconds");
    }

    @Test
    void changedPathsNeverContainValues() throws ConfigValidationException {
        BitLockerConfig before = apply("{'ticketing':{'token':'old-t0ken'}}");
        BitLockerConfig after = ConfigDocument.applyUpdate(before, json("{'local':{'kek':'" + KEK + "'},"
                + "'ticketing':{'token':'new-t0ken','baseUrl':'https://acme.atlassian.net'}}"), INSTALLED);

        List<String> changed = ConfigDocument.changedPaths(before, after);

        assertThat(changed).containsExactlyInAnyOrder("local.kek", "ticketing.token", "ticketing.baseUrl");
        assertThat(String.join(" ", changed)).doesNotContain("t0ken").doesNotContain(KEK)
                .doesNotContain("atlassian");
    }

    @Test
    void anUpdateToTheSameValuesChangesNothing() throws ConfigValidationException {
        BitLockerConfig before = apply("{'stepUp':{'acr':'2','maxAgeSeconds':300}}");

        BitLockerConfig after = ConfigDocument.applyUpdate(before, json("{'stepUp':{'acr':'2','maxAgeSeconds':300}}"), INSTALLED);

        assertThat(ConfigDocument.changedPaths(before, after)).isEmpty();
    }
}
