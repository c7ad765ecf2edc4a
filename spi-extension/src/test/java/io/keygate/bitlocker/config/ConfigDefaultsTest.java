package io.keygate.bitlocker.config;

import static io.keygate.bitlocker.config.TestDocuments.INSTALLED;
import static io.keygate.bitlocker.config.TestDocuments.KEK;
import static io.keygate.bitlocker.config.TestDocuments.apply;
import static io.keygate.bitlocker.config.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The documented defaults, and a stored document laid over them. */
class ConfigDefaultsTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void aRealmWithNothingStoredGetsTheDocumentedDefaults(String stored) {
        BitLockerConfig c = ConfigDocument.fromStored(stored);

        assertThat(c.enabled).isFalse();
        assertThat(c.keySource).isEqualTo("local");
        assertThat(c.local.kek).isEmpty();
        assertThat(c.entra.tenantId).isEmpty();
        assertThat(c.entra.clientId).isEmpty();
        assertThat(c.entra.clientSecret).isEmpty();
        assertThat(c.entra.certificate).isEmpty();
        assertThat(c.entra.authorityHost).isEqualTo("https://login.microsoftonline.com/");
        assertThat(c.entra.graphBaseUrl).isEqualTo("https://graph.microsoft.com");
        assertThat(c.entra.ownerIdentityProvider).isEmpty();
        assertThat(c.entra.ownerAttribute).isEqualTo("email");
        assertThat(c.entra.syncIntervalMinutes).isEqualTo(15);
        assertThat(c.ticketing.system).isEqualTo("jira");
        assertThat(c.ticketing.baseUrl).isEmpty();
        assertThat(c.ticketing.apiVersion).isEqualTo("3");
        assertThat(c.ticketing.username).isEmpty();
        assertThat(c.ticketing.token).isEmpty();
        assertThat(c.ticketing.incidentTypes).containsExactly("Incident");
        assertThat(c.ticketing.requireDeviceReference).isTrue();
        assertThat(c.ticketing.maxDevicesPerTicket).isEqualTo(1);
        assertThat(c.ticketing.annotate).isTrue();
        assertThat(c.ticketing.breakGlass).isFalse();
        assertThat(c.stepUp.acr).isEqualTo("2");
        assertThat(c.stepUp.maxAgeSeconds).isEqualTo(300);
        assertThat(c.selfService.enabled).isTrue();
        assertThat(c.selfService.requireStepUp).isTrue();
        assertThat(c.rotation.afterReveal).isTrue();
        assertThat(c.rotation.retainPreviousDays).isEqualTo(7);
        assertThat(c.notifications.notifyOwner).isTrue();
        assertThat(c.notifications.auditorEmails).isEmpty();
        assertThat(c.limits.revealsPerUserPerHour).isEqualTo(20);
    }

    @Test
    void aStoredDocumentMissingNewerKeysGetsTheirDefaults() {
        BitLockerConfig c = ConfigDocument.fromStored(json("{'enabled':true,'stepUp':{'maxAgeSeconds':600}}"));

        assertThat(c.enabled).isTrue();
        assertThat(c.stepUp.maxAgeSeconds).isEqualTo(600);
        assertThat(c.stepUp.acr).isEqualTo("2");
        assertThat(c.ticketing.incidentTypes).containsExactly("Incident");
        assertThat(c.limits.revealsPerUserPerHour).isEqualTo(20);
    }

    @Test
    void aStoredDocumentReadsBackAsItWasWritten() throws ConfigValidationException {
        BitLockerConfig written = apply("{'enabled':true,'local':{'kek':'" + KEK + "'},"
                + "'ticketing':{'system':'servicenow','baseUrl':'https://acme.service-now.com',"
                + "'incidentTypes':['incident','problem'],'maxDevicesPerTicket':3},"
                + "'notifications':{'auditorEmails':['audit@example.com']}}");

        BitLockerConfig read = ConfigDocument.fromStored(ConfigDocument.toStored(written));

        assertThat(ConfigDocument.toStored(read)).isEqualTo(ConfigDocument.toStored(written));
        assertThat(read.local.kek).isEqualTo(KEK);
        assertThat(read.ticketing.incidentTypes).containsExactly("incident", "problem");
        assertThat(ConfigDocument.changedPaths(written, read)).isEmpty();
    }

    @Test
    void anEmptyUpdateOfTheDefaultsIsValidAndChangesNothing() throws ConfigValidationException {
        BitLockerConfig defaults = new BitLockerConfig();

        BitLockerConfig next = ConfigDocument.applyUpdate(defaults, "{}", INSTALLED);

        assertThat(ConfigDocument.toStored(next)).isEqualTo(ConfigDocument.toStored(defaults));
        assertThat(ConfigDocument.changedPaths(defaults, next)).isEmpty();
    }
}
