package io.keygate.bitlocker.simulators.ad;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import io.keygate.bitlocker.simulators.graph.RecoveryPasswords;

/**
 * The demo's Active Directory (realm {@code demo-ad}): the tests' {@link SambaDomain}, kept in a directory of the demo
 * across runs, with an OU of {@value #COMPUTERS} computers and {@value #OLIVIA_COMPUTER} (managed by olivia), each with
 * a BitLocker recovery object — a few with an older backup of the same volume, one with a key package — and a
 * least-privilege service account for the realm's key source (read, list and control access on the OU only).
 * Usage: {@code java -cp keygate-simulators-…-demo.jar io.keygate.bitlocker.simulators.ad.DemoDomain .demo/ad}
 * (as root, or where {@value SambaDomain#ADDRESS} is on {@code lo}). It writes {@code tls/ca.pem} first (for Keycloak's
 * truststore), then {@code ready} once the domain answers, and stops Samba when it is stopped.
 */
public final class DemoDomain {

    public static final String OU_NAME = "BitLocker Demo";
    public static final String OU = "OU=" + OU_NAME + "," + SambaDomain.BASE_DN;
    public static final String SERVICE_ACCOUNT = "svc-keygate";
    /** The service account's password, also in the demo realm's configuration (demo-ad-config.json). */
    public static final String SERVICE_PASSWORD = "Demo-Keygate-Svc-1!";
    public static final int COMPUTERS = 20;
    public static final String OLIVIA_COMPUTER = "AD-PC-OLIVIA";
    /** Olivia's e-mail address in the demo realms, as her domain account's user principal name (the owner match). */
    public static final String OLIVIA_UPN = "olivia@demo.example.test";
    private static final Instant BACKED_UP = Instant.parse("2026-11-02T09:30:00Z");

    private DemoDomain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".demo/ad").toAbsolutePath();
        Path ready = dir.resolve("ready");
        Path seeded = dir.resolve("seeded");
        Files.createDirectories(dir);
        Files.deleteIfExists(ready);
        SambaTls tls = new SambaTls(dir.resolve("tls"));
        Path ca = tls.caCertificate();
        boolean fresh = !Files.exists(seeded);
        if (fresh) {
            // A domain that was never fully seeded (e.g. a run stopped while provisioning) is made again.
            SambaDomain.deleteDirectory(dir.resolve("domain"));
            Files.createDirectories(dir.resolve("domain"));
            System.out.println("Provisioning the demo's Active Directory domain " + SambaDomain.REALM + " (~30 s)");
        }
        SambaDomain domain = SambaDomain.startIn(dir.resolve("domain"), tls);
        if (fresh) {
            seed(domain);
            Files.writeString(seeded, "");
        }
        Files.writeString(ready, "");
        System.out.println("Active Directory domain controller (Samba): " + SambaDomain.LDAPS_URL + "  (base " + OU
                + ", service account CN=" + SERVICE_ACCOUNT + ",CN=Users," + SambaDomain.BASE_DN + "; " + (COMPUTERS + 1)
                + " computers; CA " + ca + ")");
        new CountDownLatch(1).await();   // until stopped: the domain's shutdown hook stops Samba
    }

    /** The OU, its computers and recovery objects, olivia's account and the key source's service account. */
    static void seed(SambaDomain dc) {
        String ou = dc.organizationalUnit(OU_NAME);
        for (int i = 1; i <= COMPUTERS; i++) {
            String name = String.format("AD-PC-%02d", i);
            SambaDomain.Computer pc = dc.computer(ou, name, null);
            String volume = uuid(name + ":volume");
            if (i % 6 == 3) {
                // An older backup of the same volume (AD keeps them all): the sync shows it SUPERSEDED.
                key(dc, pc, name + ":previous", volume, BACKED_UP.minus(Duration.ofDays(90 + i)), false);
            }
            key(dc, pc, name + ":current", volume, BACKED_UP.plus(Duration.ofHours(i)), i == 5);
        }
        SambaDomain.Account olivia = dc.user("olivia");
        dc.replace(olivia.dn(), "userPrincipalName", OLIVIA_UPN);
        SambaDomain.Computer laptop = dc.computer(ou, OLIVIA_COMPUTER, olivia.dn());
        key(dc, laptop, OLIVIA_COMPUTER + ":current", uuid(OLIVIA_COMPUTER + ":volume"), BACKED_UP, false);
        dc.reader(SERVICE_ACCOUNT, ou, SERVICE_PASSWORD);
    }

    /** A recovery object with a stable key ID and the recovery password the Graph simulator would derive from it. */
    private static void key(SambaDomain dc, SambaDomain.Computer pc, String seed, String volume, Instant createdAt,
            boolean keyPackage) {
        String keyId = uuid(seed);
        dc.recoveryKey(pc.dn(), keyId, volume, createdAt, RecoveryPasswords.of(keyId), keyPackage ? keyPackage(keyId) : null);
    }

    private static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(("keygate-demo-ad:" + seed).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Stand-in bytes for a key package (the demo cannot make a real one): 256 bytes derived from the key's ID. */
    private static byte[] keyPackage(String keyId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] out = new byte[256];
            for (int i = 0; i < out.length; i += 32) {
                sha.update((keyId + ":" + i).getBytes(StandardCharsets.UTF_8));
                System.arraycopy(sha.digest(), 0, out, i, 32);
            }
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
