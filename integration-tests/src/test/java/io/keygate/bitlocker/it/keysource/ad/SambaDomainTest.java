package io.keygate.bitlocker.it.keysource.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import io.keygate.bitlocker.simulators.ad.SambaDomain;
import io.keygate.bitlocker.simulators.ad.SambaTls;
import org.junit.jupiter.api.Test;

/**
 * The test domain controller itself: LDAPS under the test CA for {@value SambaDomain#ADDRESS}, and Samba enforcing
 * the confidential recovery password (an account with Read Property lists the recovery object but not its password;
 * with Control Access it sees it) — what the key source's tests rely on.
 */
class SambaDomainTest {

    static final String PASSWORD = "111111-222222-333333-444444-555555-666666-777777-888888";

    @Test
    void readAccessListsKeysAndOnlyControlAccessShowsTheirPasswords() throws Exception {
        SambaDomain dc = SambaDomain.shared();
        String ou = dc.organizationalUnit("FixtureCheck");
        SambaDomain.Computer pc = dc.computer(ou, "FIXTURE-PC", null);
        String keyId = UUID.randomUUID().toString();
        String dn = dc.recoveryKey(pc.dn(), keyId, UUID.randomUUID().toString(), Instant.parse("2026-12-01T10:00:00Z"), PASSWORD, null);
        assertThat(dn).contains("2026-12-01T02:00:00-08:00{" + keyId.toUpperCase() + "}");

        SambaDomain.Account lister = dc.lister("fixture-lister", ou);
        SambaDomain.Account reader = dc.reader("fixture-reader", ou);

        assertThat(search(lister, dn)).contains("msFVE-RecoveryGuid").doesNotContain(PASSWORD);
        assertThat(search(reader, dn)).contains("msFVE-RecoveryGuid").contains(PASSWORD);
    }

    /** {@code ldapsearch} over LDAPS, trusting only the test CA: proves the certificate and its IP SAN too. */
    private static String search(SambaDomain.Account account, String dn) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("ldapsearch", "-LLL", "-o", "ldif-wrap=no", "-H", SambaDomain.LDAPS_URL, "-x", "-D", account.dn(),
                "-w", account.password(), "-b", dn, "-s", "base", "(objectClass=*)", "msFVE-RecoveryGuid",
                "msFVE-RecoveryPassword").redirectErrorStream(true);
        pb.environment().put("LDAPTLS_CACERT", SambaTls.forTests().caCertificate().toString());
        pb.environment().put("LDAPTLS_REQCERT", "demand");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
