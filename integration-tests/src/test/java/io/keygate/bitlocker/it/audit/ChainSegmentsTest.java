package io.keygate.bitlocker.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.server.AuditTampering;
import io.keygate.bitlocker.it.support.server.BenchmarkData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/**
 * {@code verify} walks a long chain in segments at the same time (issue 23). Whatever was done to the chain, every
 * split must answer what one walk from the first entry answers: the same first broken entry, the same count, the same
 * last intact entry. A chain of 40 entries, in the server's database, split in 2 (20 each), 3 (14), 7 (6) and 40
 * segments, damaged at and around the segments' edges.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class ChainSegmentsTest {

    private static final int LENGTH = 40;
    private static final int[] SPLITS = {2, 3, 7, LENGTH};
    /** The reason every seeded entry has. */
    private static final String ORIGINAL_REASON = "User locked out at the BitLocker recovery screen after a BIOS update";

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

    @BeforeEach
    void freshChain() {
        server.run(AuditTampering.removeChain(realm.getId()));
        server.run(BenchmarkData.auditEntries(realm.getId(), LENGTH, 10));
    }

    @Test
    void anUntouchedChainIsIntactInEverySplit() {
        assertThat(verifiedAlike()).isEqualTo("true,40,null," + id(40));
    }

    @Test
    void aRewrittenEntryIsFoundWhereverTheSegmentsBegin() {
        rewrite(21);   // the first entry of the second half
        assertThat(verifiedAlike()).isEqualTo("false,21," + id(21) + "," + id(20));
        restore(21);
        rewrite(1);
        assertThat(verifiedAlike()).isEqualTo("false,1," + id(1) + ",null");
        restore(1);
        rewrite(14);   // the last entry of a third
        rewrite(30);   // and a later one: the first wins
        assertThat(verifiedAlike()).isEqualTo("false,14," + id(14) + "," + id(13));
    }

    @Test
    void anEntryRehashedOnItsOwnBreaksTheLinkOfTheNextSegmentsFirst() {
        String reason = "nothing to see here";
        server.run(AuditTampering.rewriteReasonAndHash(realm.getId(), 20, reason));   // 21 begins the second half
        assertThat(verifiedAlike()).isEqualTo("false,21," + id(21) + "," + id(20));
        server.run(AuditTampering.rewriteReasonAndHash(realm.getId(), 20, ORIGINAL_REASON));
        assertThat(verifiedAlike()).isEqualTo("true,40,null," + id(40));
        server.run(AuditTampering.rewriteReasonAndHash(realm.getId(), 14, reason));   // 15 begins the second third
        assertThat(verifiedAlike()).isEqualTo("false,15," + id(15) + "," + id(14));
    }

    @Test
    void aRemovedEntryAtASegmentsEdgeIsFoundAtTheNextOne() {
        String next = id(16);
        String before = id(14);
        server.run(AuditTampering.removeEntry(id(15)));   // where a third begins
        assertThat(verifiedAlike()).isEqualTo("false,15," + next + "," + before);
    }

    @Test
    void aRemovedLastEntryOfASegmentIsFoundAtTheNextSegmentsFirst() {
        String next = id(21);
        String before = id(19);
        server.run(AuditTampering.removeEntry(id(20)));   // the last of the first half
        assertThat(verifiedAlike()).isEqualTo("false,20," + next + "," + before);
    }

    @Test
    void aWholeSegmentRemovedIsFoundAtTheEntryAfterIt() {
        String after = id(13);
        String before = id(6);
        for (long seq = 7; seq <= 12; seq++) {
            server.run(AuditTampering.removeEntry(id(seq)));
        }
        assertThat(verifiedAlike()).isEqualTo("false,7," + after + "," + before);
    }

    @Test
    void aChainCutShortOfItsHeadIsNotIntact() {
        String last = id(37);
        for (long seq = 38; seq <= LENGTH; seq++) {
            server.run(AuditTampering.removeEntry(id(seq)));
        }
        assertThat(verifiedAlike()).isEqualTo("false,37,null," + last);
    }

    /** The verification in one segment, after checking that every split answers the same (head hash left out). */
    private String verifiedAlike() {
        String single = server.fetchString(AuditTampering.verifiedInSegments(realm.getId(), 1));
        for (int segments : SPLITS) {
            assertThat(server.fetchString(AuditTampering.verifiedInSegments(realm.getId(), segments)))
                    .as("%d segments", segments).isEqualTo(single);
        }
        return single.replaceFirst(",[0-9a-f]{64}$", "");
    }

    private void rewrite(long seq) {
        server.run(AuditTampering.rewriteReason(id(seq), "nothing to see here"));
    }

    private void restore(long seq) {
        server.run(AuditTampering.rewriteReason(id(seq), ORIGINAL_REASON));
    }

    private String id(long seq) {
        return server.fetchString(AuditTampering.entryAt(realm.getId(), seq));
    }
}
