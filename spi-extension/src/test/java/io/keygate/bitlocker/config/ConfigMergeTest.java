package io.keygate.bitlocker.config;

import static io.keygate.bitlocker.config.TestDocuments.INSTALLED;
import static io.keygate.bitlocker.config.TestDocuments.apply;
import static io.keygate.bitlocker.config.TestDocuments.json;
import static io.keygate.bitlocker.config.TestDocuments.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a PUT is merged into the stored document. */
class ConfigMergeTest {

    @Test
    void anUpdateOfOneNestedKeyKeepsTheSiblingsAndOtherSections() throws ConfigValidationException {
        BitLockerConfig current = apply("{'enabled':true,'ticketing':{'system':'servicenow','apiVersion':'v2',"
                + "'incidentTypes':['incident','problem'],'maxDevicesPerTicket':5},'stepUp':{'acr':'3'}}");

        BitLockerConfig next = ConfigDocument.applyUpdate(current,
                json("{'ticketing':{'baseUrl':'https://acme.service-now.com'}}"), INSTALLED);

        assertThat(next.ticketing.baseUrl).isEqualTo("https://acme.service-now.com");
        assertThat(next.ticketing.system).isEqualTo("servicenow");
        assertThat(next.ticketing.apiVersion).isEqualTo("v2");
        assertThat(next.ticketing.incidentTypes).containsExactly("incident", "problem");
        assertThat(next.ticketing.maxDevicesPerTicket).isEqualTo(5);
        assertThat(next.stepUp.acr).isEqualTo("3");
        assertThat(next.enabled).isTrue();
    }

    @Test
    void aListInAnUpdateReplacesTheStoredListInsteadOfAppending() throws ConfigValidationException {
        BitLockerConfig current = apply("{'ticketing':{'incidentTypes':['Incident','Problem']},"
                + "'notifications':{'auditorEmails':['a@example.com','b@example.com']}}");

        BitLockerConfig next = ConfigDocument.applyUpdate(current,
                json("{'ticketing':{'incidentTypes':['Service request']},"
                        + "'notifications':{'auditorEmails':['c@example.com']}}"), INSTALLED);

        assertThat(next.ticketing.incidentTypes).containsExactly("Service request");
        assertThat(next.notifications.auditorEmails).containsExactly("c@example.com");
    }

    @Test
    void anEmptyListInAnUpdateEmptiesTheStoredList() throws ConfigValidationException {
        BitLockerConfig current = apply("{'notifications':{'auditorEmails':['a@example.com']}}");

        BitLockerConfig next = ConfigDocument.applyUpdate(current, json("{'notifications':{'auditorEmails':[]}}"), INSTALLED);

        assertThat(next.notifications.auditorEmails).isEmpty();
    }

    @Test
    void anUpdateDoesNotModifyTheCurrentConfiguration() throws ConfigValidationException {
        BitLockerConfig current = apply("{'stepUp':{'acr':'3'},'ticketing':{'incidentTypes':['Incident']}}");

        ConfigDocument.applyUpdate(current, json("{'stepUp':{'acr':'4'},'ticketing':{'incidentTypes':['Problem']}}"), INSTALLED);

        assertThat(current.stepUp.acr).isEqualTo("3");
        assertThat(current.ticketing.incidentTypes).containsExactly("Incident");
    }

    @Test
    void aRejectedUpdateLeavesTheCurrentConfigurationUntouched() throws ConfigValidationException {
        BitLockerConfig current = apply("{'enabled':true,'stepUp':{'maxAgeSeconds':600}}");
        String before = ConfigDocument.toStored(current);

        rejectionOf(current, json("{'enabled':false,'stepUp':{'maxAgeSeconds':0}}"));

        assertThat(ConfigDocument.toStored(current)).isEqualTo(before);
    }
}
