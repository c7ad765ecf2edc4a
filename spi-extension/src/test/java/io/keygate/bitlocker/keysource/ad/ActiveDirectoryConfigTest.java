package io.keygate.bitlocker.keysource.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.ConfigValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §8/§9: the {@code activeDirectory} section — LDAPS or StartTLS (plain LDAP to loopback only), a filter, a range. */
class ActiveDirectoryConfigTest {

    private static BitLockerConfig.ActiveDirectory section(String url, boolean startTls) {
        BitLockerConfig.ActiveDirectory ad = new BitLockerConfig.ActiveDirectory();
        ad.url = url;
        ad.startTls = startTls;
        ad.bindDn = "CN=kg,CN=Users,DC=corp,DC=example";
        ad.bindCredential = "${vault.ad-bind}";
        ad.baseDn = "DC=corp,DC=example";
        return ad;
    }

    private static void validate(BitLockerConfig.ActiveDirectory ad, boolean selected) throws ConfigValidationException {
        BitLockerConfig config = new BitLockerConfig();
        config.activeDirectory = ad;
        config.enabled = selected;
        config.keySource = selected ? "activeDirectory" : "local";
        new ActiveDirectoryKeySourceProviderFactory().validate(config);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ldaps://dc1.corp.example", "ldaps://dc1.corp.example:636", "ldaps://10.0.0.5:3269",
            "ldap://127.0.0.2:389"})
    void ldapsOrLoopbackIsAccepted(String url) {
        assertThatCode(() -> validate(section(url, false), true)).doesNotThrowAnyException();
    }

    @Test
    void plainLdapNeedsStartTlsOffLoopback() {
        assertThatThrownBy(() -> validate(section("ldap://dc1.corp.example", false), true))
                .hasMessageContaining("activeDirectory.url");
        assertThatCode(() -> validate(section("ldap://dc1.corp.example", true), true)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://dc1.corp.example", "ldaps://user@dc1.corp.example", "ldaps://dc1.corp.example/DC=x",
            "ldaps://dc1 corp", "dc1.corp.example"})
    void anythingElseIsRefused(String url) {
        assertThatThrownBy(() -> validate(section(url, false), false)).isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("activeDirectory.url");
    }

    @Test
    void theFilterTheOwnerAttributeAndTheIntervalAreChecked() {
        BitLockerConfig.ActiveDirectory ad = section("ldaps://dc1.corp.example", false);
        ad.computerFilter = "(objectClass=computer";
        assertThatThrownBy(() -> validate(ad, true)).hasMessageContaining("computerFilter");
        ad.computerFilter = "(&(objectClass=computer)(operatingSystem=Windows*))";
        ad.ownerAttribute = "managed By";
        assertThatThrownBy(() -> validate(ad, true)).hasMessageContaining("ownerAttribute");
        ad.ownerAttribute = "managedBy";
        ad.syncIntervalMinutes = 1441;
        assertThatThrownBy(() -> validate(ad, true)).hasMessageContaining("syncIntervalMinutes");
    }

    @Test
    void aRealmOnThisSourceNeedsAConnectionAnAccountAndABase() {
        BitLockerConfig.ActiveDirectory ad = section("", false);
        assertThatThrownBy(() -> validate(ad, true)).hasMessageContaining("ldapComponent");
        ad.ldapComponent = "corp-ldap";
        ad.baseDn = "";
        assertThatThrownBy(() -> validate(ad, true)).hasMessageContaining("baseDn");
        assertThatCode(() -> validate(ad, false)).doesNotThrowAnyException();
    }

    @Test
    void theDefaultsAreThoseOfTheSpec() {
        BitLockerConfig.ActiveDirectory ad = new BitLockerConfig.ActiveDirectory();
        assertThat(ad.computerFilter).isEqualTo("(objectClass=computer)");
        assertThat(ad.ownerAttribute).isEqualTo("managedBy");
        assertThat(ad.keyPackages).isFalse();
        assertThat(ad.syncIntervalMinutes).isEqualTo(15);
    }
}
