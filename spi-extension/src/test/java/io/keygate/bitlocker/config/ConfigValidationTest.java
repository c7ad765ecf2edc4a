package io.keygate.bitlocker.config;

import static io.keygate.bitlocker.config.TestDocuments.INSTALLED;
import static io.keygate.bitlocker.config.TestDocuments.KEK;
import static io.keygate.bitlocker.config.TestDocuments.apply;
import static io.keygate.bitlocker.config.TestDocuments.json;
import static io.keygate.bitlocker.config.TestDocuments.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a PUT may contain: unknown keys, wrong types, invalid values and malformed documents are refused, naming the key. */
class ConfigValidationTest {

    @Test
    void anUnknownTopLevelKeyIsRejectedByName() {
        assertThat(rejectionOf("{'enabled':true,'kekRotation':true}")).contains("kekRotation");
    }

    @Test
    void anUnknownNestedKeyIsRejectedByItsPath() {
        assertThat(rejectionOf("{'ticketing':{'system':'jira','projectKey':'IT'}}"))
                .contains("ticketing.projectKey");
    }

    @Test
    void aKeyInTheWrongCaseIsUnknown() {
        assertThat(rejectionOf("{'entra':{'tenantID':'contoso'}}")).contains("tenantID");
    }


    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'enabled':'true'}                              | enabled",
            "{'enabled':1}                                   | enabled",
            "{'enabled':null}                                | enabled",
            "{'ticketing':{'annotate':'false'}}              | ticketing.annotate",
            "{'stepUp':{'maxAgeSeconds':'20'}}               | stepUp.maxAgeSeconds",
            "{'stepUp':{'maxAgeSeconds':1.5}}                | stepUp.maxAgeSeconds",
            "{'stepUp':{'maxAgeSeconds':true}}               | stepUp.maxAgeSeconds",
            "{'limits':{'revealsPerUserPerHour':null}}       | limits.revealsPerUserPerHour",
            "{'ticketing':{'incidentTypes':'Incident'}}      | ticketing.incidentTypes",
            "{'ticketing':{'incidentTypes':[1]}}             | ticketing.incidentTypes",
            "{'notifications':{'auditorEmails':'a@b.example'}} | notifications.auditorEmails",
            "{'stepUp':{'acr':2}}                            | stepUp.acr",
            "{'keySource':true}                              | keySource",
            "{'ticketing':{'baseUrl':null}}                  | ticketing.baseUrl",
            "{'local':{'kek':null}}                          | local.kek",
            "{'stepUp':'strict'}                             | stepUp",
            "{'ticketing':null}                              | ticketing",
            "{'limits':null}                                 | limits",
            "{'local':[]}                                    | local",
    })
    void aValueOfTheWrongTypeIsRejectedNamingTheKey(String body, String key) {
        assertThat(rejectionOf(body)).contains("'" + key);
    }

    @Test
    void anIntegerOutOfRangeIsRejectedNamingTheKey() {
        assertThat(rejectionOf("{'stepUp':{'maxAgeSeconds':3000000000}}")).contains("'stepUp.maxAgeSeconds'");
    }

    @Test
    void aNullSectionIsRejectedAsNotAnObject() {
        assertThat(rejectionOf("{'ticketing':null}")).isEqualTo("'ticketing' must be an object");
    }


    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'keySource':'vault'}                                     | keySource",
            "{'keySource':'LOCAL'}                                     | keySource",
            "{'keySource':null}                                        | keySource",
            "{'ticketing':{'system':'zendesk'}}                        | ticketing.system",
            "{'ticketing':{'system':'Jira'}}                           | ticketing.system",
            "{'ticketing':{'system':'jira','apiVersion':'4'}}          | ticketing.apiVersion",
            "{'ticketing':{'system':'jira','apiVersion':'v3'}}         | ticketing.apiVersion",
            "{'ticketing':{'maxDevicesPerTicket':0}}                   | ticketing.maxDevicesPerTicket",
            "{'ticketing':{'maxDevicesPerTicket':-1}}                  | ticketing.maxDevicesPerTicket",
            "{'ticketing':{'incidentTypes':[]}}                        | ticketing.incidentTypes",
            "{'ticketing':{'incidentTypes':['Incident','  ']}}         | ticketing.incidentTypes",
            "{'ticketing':{'incidentTypes':[null]}}                    | ticketing.incidentTypes",
            "{'ticketing':{'baseUrl':'jira.example.com'}}              | ticketing.baseUrl",
            "{'ticketing':{'baseUrl':'ftp://jira.example.com'}}        | ticketing.baseUrl",
            "{'ticketing':{'baseUrl':'https://'}}                      | ticketing.baseUrl",
            "{'ticketing':{'baseUrl':'https://jira example.com'}}      | ticketing.baseUrl",
            "{'ticketing':{'baseUrl':'javascript:alert(1)'}}           | ticketing.baseUrl",
            "{'entra':{'authorityHost':''}}                            | entra.authorityHost",
            "{'entra':{'graphBaseUrl':'graph.microsoft.com'}}          | entra.graphBaseUrl",
            "{'entra':{'ownerAttribute':' '}}                          | entra.ownerAttribute",
            "{'entra':{'syncIntervalMinutes':0}}                       | entra.syncIntervalMinutes",
            "{'entra':{'syncIntervalMinutes':10081}}                   | entra.syncIntervalMinutes",
            "{'stepUp':{'acr':''}}                                     | stepUp.acr",
            "{'stepUp':{'acr':'   '}}                                  | stepUp.acr",
            "{'stepUp':{'acr':'gold\\\"'}}                              | stepUp.acr",
            "{'stepUp':{'acr':'gold silver'}}                          | stepUp.acr",
            "{'stepUp':{'maxAgeSeconds':0}}                            | stepUp.maxAgeSeconds",
            "{'stepUp':{'maxAgeSeconds':86401}}                        | stepUp.maxAgeSeconds",
            "{'rotation':{'retainPreviousDays':-1}}                    | rotation.retainPreviousDays",
            "{'notifications':{'auditorEmails':['not-an-email']}}      | notifications.auditorEmails",
            "{'notifications':{'auditorEmails':['audit@localhost']}}   | notifications.auditorEmails",
            "{'notifications':{'auditorEmails':['a b@example.com']}}   | notifications.auditorEmails",
            "{'notifications':{'auditorEmails':['ok@example.com','']}} | notifications.auditorEmails",
            "{'notifications':{'auditorEmails':[null]}}                | notifications.auditorEmails",
            "{'limits':{'revealsPerUserPerHour':0}}                    | limits.revealsPerUserPerHour",
            "{'limits':{'requestsPerUserPerHour':0}}                   | limits.requestsPerUserPerHour",
            "{'limits':{'requestsPerUserPerHour':1001}}                | limits.requestsPerUserPerHour",
            "{'access':{'clients':['']}}                               | access.clients",
            "{'access':{'clients':[]}}                                 | access.clients",
            "{'access':{'clients':['*','bitlocker-console']}}          | access.clients",
            "{'access':{'clients':['bitlocker-console','*']}}          | access.clients",
            "{'access':{'clients':'bitlocker-console'}}                | access.clients",
            "{'escrow':{'deviceBinding':'tpm'}}                        | escrow.deviceBinding",
    })
    void anInvalidValueIsRejectedNamingTheKey(String body, String key) {
        assertThat(rejectionOf(body)).contains("'" + key + "'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "AQIDBAUGBwgJCgsMDQ4PEA==",                              // 16 bytes
            "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHw==",          // 31 bytes
            "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAh",          // 33 bytes
            "not base64 at all!",
            "${vault.}",
            "${env.BITLOCKER_KEK}",
    })
    void aKekThatIsNotA256BitKeyOrAVaultReferenceIsRejected(String kek) {
        assertThat(rejectionOf("{'local':{'kek':'" + kek + "'}}")).contains("'local.kek'");
    }

    /** SPEC §8's document, as documented. */
    @Test
    void theWholeDocumentedDocumentIsAccepted() throws ConfigValidationException {
        BitLockerConfig c = apply("{'enabled':true,'keySource':'local','local':{'kek':'${vault.bitlocker-kek}'},"
                + "'entra':{'tenantId':'','clientId':'','clientSecret':'','certificate':'',"
                + "'authorityHost':'https://login.microsoftonline.com/','graphBaseUrl':'https://graph.microsoft.com',"
                + "'ownerIdentityProvider':'','ownerAttribute':'email','syncIntervalMinutes':15},"
                + "'ticketing':{'system':'jira','baseUrl':'','apiVersion':'3','username':'','token':'',"
                + "'incidentTypes':['Incident'],'requireDeviceReference':true,'maxDevicesPerTicket':1,'annotate':true,"
                + "'breakGlass':false},'stepUp':{'acr':'2','maxAgeSeconds':300},"
                + "'selfService':{'enabled':true,'requireStepUp':true},'rotation':{'afterReveal':true,'retainPreviousDays':7},"
                + "'notifications':{'notifyOwner':true,'auditorEmails':[],'approverEmails':[]},"
                + "'limits':{'revealsPerUserPerHour':20,'requestsPerUserPerHour':10},"
                + "'access':{'clients':['bitlocker-console','account-console']},'escrow':{'deviceBinding':'dpop'},"
                + "'approval':{'requiredFor':[],'useWithinMinutes':60,'pendingHours':24},"
                + "'forwarding':{'syslog':{'enabled':false,'host':'','port':6514,'tls':true},"
                + "'webhook':{'enabled':false,'url':'','secret':''}}}");

        assertThat(c.enabled).isTrue();
        assertThat(c.approval.useWithinMinutes).isEqualTo(60);
        assertThat(c.forwarding.syslog.port).isEqualTo(6514);
    }

    @Test
    void dualControlIsConfiguredPerRoute() throws ConfigValidationException {
        BitLockerConfig c = apply("{'approval':{'requiredFor':['helpdesk','breakGlass'],'useWithinMinutes':15}}");

        assertThat(c.approval.requiredFor).containsExactly("helpdesk", "breakGlass");
        assertThat(c.approval.useWithinMinutes).isEqualTo(15);
        assertThat(rejectionOf("{'approval':{'requiredFor':['owner']}}")).contains("approval.requiredFor");
    }

    @Test
    void anEnabledSinkNeedsItsDestination() throws ConfigValidationException {
        assertThat(rejectionOf("{'forwarding':{'syslog':{'enabled':true}}}")).contains("forwarding.syslog.host");
        assertThat(rejectionOf("{'forwarding':{'webhook':{'enabled':true,'url':'https://siem.example.com/hook'}}}"))
                .contains("forwarding.webhook.secret");
        assertThat(rejectionOf("{'forwarding':{'webhook':{'enabled':true,'url':'http://siem.example.com/hook','secret':'k'}}}"))
                .contains("https");
        BitLockerConfig c = apply("{'forwarding':{'syslog':{'enabled':true,'host':'siem.example.com','port':6514},"
                + "'webhook':{'enabled':true,'url':'https://siem.example.com/hook','secret':'k'}}}");
        assertThat(c.forwarding.syslog.enabled).isTrue();
        assertThat(c.forwarding.webhook.enabled).isTrue();
    }

    @Test
    void accessAndDeviceBindingHaveTheirDocumentedDefaultsAndTakeValidValues() throws ConfigValidationException {
        BitLockerConfig defaults = ConfigDocument.fromStored(null);
        assertThat(defaults.access.clients).containsExactly("bitlocker-console", "account-console");
        assertThat(defaults.limits.requestsPerUserPerHour).isEqualTo(10);
        assertThat(apply("{'access':{'clients':['*']}}").access.clients).containsExactly("*");
        assertThat(apply("{'limits':{'requestsPerUserPerHour':1000}}").limits.requestsPerUserPerHour).isEqualTo(1000);
        assertThat(defaults.escrow.deviceBinding).isEqualTo("dpop");

        BitLockerConfig c = apply("{'access':{'clients':['bitlocker-console','bitlocker-cli']},'escrow':{'deviceBinding':'none'}}");
        assertThat(c.access.clients).containsExactly("bitlocker-console", "bitlocker-cli");
        assertThat(c.escrow.deviceBinding).isEqualTo("none");
    }

    @Test
    void a256BitBase64KekIsAccepted() throws ConfigValidationException {
        assertThat(apply("{'local':{'kek':'" + KEK + "'}}").local.kek).isEqualTo(KEK);
    }

    @Test
    void aKekVaultReferenceIsAcceptedAsItIs() throws ConfigValidationException {
        assertThat(apply("{'local':{'kek':'${vault.bitlocker-kek}'}}").local.kek)
                .isEqualTo("${vault.bitlocker-kek}");
    }

    @Test
    void anEmptyKekMeansNoKekAndIsAccepted() throws ConfigValidationException {
        BitLockerConfig withKek = apply("{'local':{'kek':'" + KEK + "'}}");

        assertThat(ConfigDocument.applyUpdate(withKek, json("{'local':{'kek':''}}"), INSTALLED).local.kek).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "3"})
    void jiraAcceptsApiVersionsTwoAndThree(String version) throws ConfigValidationException {
        assertThat(apply("{'ticketing':{'system':'jira','apiVersion':'" + version + "'}}").ticketing.apiVersion)
                .isEqualTo(version);
    }

    @Test
    void theBoundaryValuesOfTheRangesAreAccepted() throws ConfigValidationException {
        BitLockerConfig c = apply("{'ticketing':{'maxDevicesPerTicket':1000},'stepUp':{'maxAgeSeconds':1},"
                + "'rotation':{'retainPreviousDays':0},'entra':{'syncIntervalMinutes':10080},"
                + "'limits':{'revealsPerUserPerHour':1}}");

        assertThat(c.ticketing.maxDevicesPerTicket).isEqualTo(1000);
        assertThat(c.stepUp.maxAgeSeconds).isEqualTo(1);
        assertThat(c.rotation.retainPreviousDays).isZero();
        assertThat(c.entra.syncIntervalMinutes).isEqualTo(10080);
        assertThat(c.limits.revealsPerUserPerHour).isEqualTo(1);
    }

    @Test
    void aFullValidDocumentIsAccepted() throws ConfigValidationException {
        BitLockerConfig c = apply("{'enabled':true,'keySource':'entra','local':{'kek':'${vault.kek}'},"
                + "'entra':{'tenantId':'contoso.onmicrosoft.com','clientId':'app','clientSecret':'s3cret',"
                + "'certificate':'','authorityHost':'https://login.microsoftonline.com/',"
                + "'graphBaseUrl':'https://graph.test:8090','ownerIdentityProvider':'entra',"
                + "'ownerAttribute':'upn','syncIntervalMinutes':30},"
                + "'ticketing':{'system':'jira','baseUrl':'https://acme.atlassian.net','apiVersion':'2',"
                + "'username':'bot@acme.com','token':'tok','incidentTypes':['Incident','[System] Incident'],"
                + "'requireDeviceReference':false,'maxDevicesPerTicket':2,'annotate':false,'breakGlass':true},"
                + "'stepUp':{'acr':'gold','maxAgeSeconds':120},"
                + "'selfService':{'enabled':false,'requireStepUp':false},"
                + "'rotation':{'afterReveal':false,'retainPreviousDays':30},"
                + "'notifications':{'notifyOwner':false,'auditorEmails':['audit@acme.com']},"
                + "'limits':{'revealsPerUserPerHour':5}}");

        assertThat(c.keySource).isEqualTo("entra");
        assertThat(c.entra.graphBaseUrl).isEqualTo("https://graph.test:8090");
        assertThat(c.ticketing.incidentTypes).containsExactly("Incident", "[System] Incident");
        assertThat(c.ticketing.breakGlass).isTrue();
        assertThat(c.stepUp.acr).isEqualTo("gold");
        assertThat(c.selfService.enabled).isFalse();
        assertThat(c.limits.revealsPerUserPerHour).isEqualTo(5);
    }


    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "{",
            "{'enabled':true,}",
            "{enabled:true}",
            "{'enabled':true} {'enabled':false}",
            "{'enabled':true}x",
            "{'enabled':true,'enabled':false}",
            "{'stepUp':{'acr':'1','acr':'2'}}",
    })
    void malformedJsonIsRejected(String body) {
        assertThat(rejectionOf(body)).startsWith("malformed JSON");
    }

    @Test
    void aDuplicateKeyIsRejectedEvenWhenBothValuesAreValid() {
        assertThat(rejectionOf("{'enabled':false,'enabled':true}")).contains("malformed JSON").contains("enabled");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"[]", "[{}]", "'enabled'", "42", "true", "null", "", "   "})
    void aBodyThatIsNotAJsonObjectIsRejected(String body) {
        assertThat(rejectionOf(body)).isEqualTo("the configuration must be a JSON object");
    }

    @Test
    void aMissingBodyIsRejected() {
        assertThat(rejectionOf(new BitLockerConfig(), null)).isEqualTo("the configuration must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://acme.atlassian.net", "http://10.0.0.5:8080", "ftp://acme.example",
            "https://user:pw@acme.example"})
    void outgoingUrlsAreHttpsOnly(String url) {
        assertThat(rejectionOf("{'ticketing':{'baseUrl':'" + url + "'}}")).contains("'ticketing.baseUrl'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8091", "http://127.0.0.1:8092", "http://[::1]:8093", "https://acme.example"})
    void plainHttpIsAllowedToALoopbackAddressOnly(String url) throws ConfigValidationException {
        assertThat(apply("{'ticketing':{'baseUrl':'" + url + "'}}").ticketing.baseUrl).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil host/../", "siem.example.com:6514", "siem.example.com/", "user@siem.example.com",
            "siem_example.com", "-siem.example.com", "siem..example.com", "999.1.1.1", "1.2.3", "[::1", "::1%lo",
            "tcp://siem.example.com", " siem.example.com"})
    void aSyslogHostIsADnsNameOrAnIpLiteralAndNothingElse(String host) {
        assertThat(rejectionOf("{'forwarding':{'syslog':{'host':'" + host + "'}}}")).contains("'forwarding.syslog.host'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"siem.example.com", "SIEM-01.corp.example", "10.0.0.5", "2001:db8::1", "[2001:db8::1]",
            "::ffff:a00:5"})
    void aSyslogHostMayBeANameOrAnAddress(String host) throws ConfigValidationException {
        assertThat(apply("{'forwarding':{'syslog':{'enabled':true,'host':'" + host + "'}}}").forwarding.syslog.host)
                .isEqualTo(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"siem.example.com", "10.0.0.5", "2001:db8::1", "localhost.attacker.example", "127.0.0.1.nip.io"})
    void plainSyslogToAnotherHostIsRefused(String host) {
        assertThat(rejectionOf("{'forwarding':{'syslog':{'enabled':true,'host':'" + host + "','tls':false}}}"))
                .contains("'forwarding.syslog.tls'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.10.0.2", "localhost", "::1", "[::1]"})
    void plainSyslogIsAllowedToALoopbackAddressOnly(String host) throws ConfigValidationException {
        BitLockerConfig c = apply("{'forwarding':{'syslog':{'enabled':true,'host':'" + host + "','tls':false}}}");
        assertThat(c.forwarding.syslog.tls).isFalse();
        assertThat(c.forwarding.syslog.host).isEqualTo(host);
    }
}
