package io.keygate.bitlocker.simulators.ad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.ModificationItem;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.Rdn;

/**
 * A real Active Directory domain controller for the tests and the demo: Debian's Samba, provisioned as a throwaway
 * domain {@value #REALM} and bound to a loopback address of its own ({@value #ADDRESS}: LDAP's ports cannot be
 * moved), with LDAPS under {@link SambaTls}'s test CA. The tests share one per JVM ({@link #shared()}, ~20 s to
 * provision, in a temporary directory deleted when the JVM ends); the demo keeps one in its own directory
 * across runs ({@link #startIn}). Both write to it as the domain's Administrator over plain LDAP on loopback;
 * the extension reads it over LDAPS or StartTLS.
 */
public final class SambaDomain {

    public static final String ADDRESS = "127.0.0.2";
    public static final String REALM = "KEYGATE.TEST";
    public static final String BASE_DN = "DC=keygate,DC=test";
    public static final String LDAPS_URL = "ldaps://" + ADDRESS + ":636";
    public static final String LDAP_URL = "ldap://" + ADDRESS + ":389";
    static final String ADMIN_DN = "CN=Administrator,CN=Users," + BASE_DN;
    static final String ADMIN_PASSWORD = "Keygate-Adm1n-Pass!";
    private static final String BINARY = "objectGUID objectSid msFVE-RecoveryGuid msFVE-VolumeGuid msFVE-KeyPackage";
    /** The recovery object's name: the backup time with its offset, then the key's GUID in braces. */
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private static SambaDomain shared;

    private final Path dir;
    private final boolean addedAddress;
    private final boolean temporary;
    private Process samba;
    private boolean removedAddress;

    /** A computer object: its DN and its {@code objectGUID} as the device ID. */
    public record Computer(String dn, String deviceId) {
    }

    /** An account of the domain for the key source to bind as. */
    public record Account(String dn, String password) {
    }

    private SambaDomain(Path dir, boolean addedAddress, boolean temporary) {
        this.dir = dir;
        this.addedAddress = addedAddress;
        this.temporary = temporary;
    }

    /** Whether Samba's AD DC is installed on this machine. */
    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/samba")) && Files.isExecutable(Path.of("/usr/bin/samba-tool"));
    }

    /** The JVM's domain controller, provisioned and started at the first call. */
    public static synchronized SambaDomain shared() {
        if (shared == null) {
            try {
                shared = provisionOrStart(Files.createTempDirectory("samba-dc"), SambaTls.forTests(), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /**
     * The domain kept in {@code dir} (the demo's): provisioned there at the first call, started again from it
     * later. {@link #stop()} (or the JVM's end) stops Samba and leaves the directory.
     */
    public static SambaDomain startIn(Path dir, SambaTls tls) {
        return provisionOrStart(dir.toAbsolutePath(), tls, false);
    }

    private static SambaDomain provisionOrStart(Path dir, SambaTls tls, boolean temporary) {
        if (!installed()) {
            throw new IllegalStateException("Samba's AD DC is not installed: apt-get install -y samba samba-ad-dc"
                    + " samba-ad-provision ldap-utils ldb-tools");
        }
        try {
            boolean added = ensureAddress();
            SambaDomain domain = new SambaDomain(dir, added, temporary);
            try {
                if (!Files.exists(domain.conf())) {
                    setUp(domain, dir, tls);
                }
                domain.start();
            } catch (IOException | RuntimeException e) {
                domain.stop();   // no shutdown hook yet: leave no half-made domain (or added address) behind
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(domain::stop, "samba-domain-stop"));
            return domain;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path conf() {
        return dir.resolve("etc/smb.conf");
    }

    private static void setUp(SambaDomain domain, Path dir, SambaTls tls) throws IOException {
        Files.createDirectories(dir.resolve("run"));
        domain.run(180, "samba-tool", "domain", "provision", "--targetdir=" + dir, "--realm=" + REALM,
                "--domain=KEYGATE", "--server-role=dc", "--dns-backend=NONE", "--adminpass=" + ADMIN_PASSWORD,
                "--host-name=dc1", "--host-ip=" + ADDRESS, "--option=interfaces=" + ADDRESS,
                "--option=bind interfaces only=yes", "--option=server services=ldap",
                "--option=pid directory=" + dir.resolve("run"));
        Path conf = domain.conf();
        Files.writeString(conf, Files.readString(conf).replaceFirst("\\[global\\]\n", "[global]\n"
                + "\ttls enabled = yes\n\ttls keyfile = " + tls.serverKey() + "\n\ttls certfile = "
                + tls.serverCertificate() + "\n\ttls cafile = " + tls.caCertificate() + "\n"
                // The tests' own writes go over plain LDAP on loopback; the extension always uses TLS.
                + "\tldap server require strong auth = no\n"));
    }

    /** Inside the tests' network namespace the address exists; in CI (root, no namespace) it is added, and removed after. */
    private static boolean ensureAddress() throws IOException {
        String addresses = output("ip", "-o", "addr", "show", "dev", "lo");
        if (addresses.contains(" " + ADDRESS + "/")) {
            return false;
        }
        output("ip", "addr", "add", ADDRESS + "/8", "dev", "lo");
        return true;
    }

    private void start() throws IOException {
        samba = new ProcessBuilder("samba", "-s", conf().toString(), "-i", "-M", "single")
                .redirectErrorStream(true).redirectOutput(dir.resolve("samba.log").toFile()).start();
        long until = System.currentTimeMillis() + 60_000;
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(ADDRESS, 636), 1000);
                admin().close();
                return;
            } catch (IOException | NamingException e) {
                if (!samba.isAlive() || System.currentTimeMillis() > until) {
                    throw new IllegalStateException("Samba did not start: " + Files.readString(dir.resolve("samba.log")), e);
                }
                sleep(250);
            }
        }
    }

    /** Stops Samba (once), deletes a temporary domain's directory, and removes the address if it was added. */
    public synchronized void stop() {
        if (samba != null) {
            samba.descendants().forEach(ProcessHandle::destroy);
            samba.destroy();
            try {
                samba.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        samba = null;
        if (temporary) {
            deleteDirectory(dir);
        }
        if (addedAddress && !removedAddress) {
            removedAddress = true;
            try {
                output("ip", "addr", "del", ADDRESS + "/8", "dev", "lo");
            } catch (IOException e) {
                // Nothing else to do at shutdown.
            }
        }
    }

    /** Deletes a directory and everything in it (a temporary domain, or a demo domain to provision afresh). */
    public static void deleteDirectory(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory: left for the system to clean.
        }
    }

    /** A connection as the domain's Administrator (plain LDAP on loopback), for the tests' writes. */
    public DirContext admin() throws NamingException {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, LDAP_URL);
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        env.put(Context.SECURITY_PRINCIPAL, ADMIN_DN);
        env.put(Context.SECURITY_CREDENTIALS, ADMIN_PASSWORD);
        env.put("java.naming.ldap.attributes.binary", BINARY);
        env.put("com.sun.jndi.ldap.connect.timeout", "2000");
        return new InitialDirContext(env);
    }

    /** An organizational unit directly under the domain, created if missing. */
    public String organizationalUnit(String name) {
        String dn = "OU=" + name + "," + BASE_DN;
        try {
            DirContext ctx = admin();
            try {
                BasicAttributes attrs = new BasicAttributes(true);
                attrs.put("objectClass", "organizationalUnit");
                ctx.createSubcontext(dn, attrs).close();
            } catch (javax.naming.NameAlreadyBoundException e) {
                // Made by an earlier test of this JVM.
            } finally {
                ctx.close();
            }
            return dn;
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A computer account under {@code parentDn}; {@code managedBy} may be {@code null}. */
    public Computer computer(String parentDn, String name, String managedBy) {
        String dn = "CN=" + name + "," + parentDn;
        try {
            DirContext ctx = admin();
            try {
                BasicAttributes attrs = new BasicAttributes(true);
                attrs.put("objectClass", "computer");
                attrs.put("sAMAccountName", name + "$");
                attrs.put("userAccountControl", "4096");
                if (managedBy != null) {
                    attrs.put("managedBy", managedBy);
                }
                ctx.createSubcontext(dn, attrs).close();
                byte[] guid = (byte[]) ctx.getAttributes(dn, new String[] {"objectGUID"}).get("objectGUID").get();
                return new Computer(dn, guidOf(guid));
            } finally {
                ctx.close();
            }
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Many computers at once (the fleet benchmark), each with one recovery object, on one connection; the
     * recovery passwords are all {@code password}.
     */
    public void computersWithKeys(String parentDn, String prefix, int count, String password) {
        try {
            DirContext ctx = admin();
            try {
                for (int i = 0; i < count; i++) {
                    String name = prefix + i;
                    String dn = "CN=" + name + "," + parentDn;
                    BasicAttributes attrs = new BasicAttributes(true);
                    attrs.put("objectClass", "computer");
                    attrs.put("sAMAccountName", name + "$");
                    attrs.put("userAccountControl", "4096");
                    ctx.createSubcontext(dn, attrs).close();
                    String keyId = UUID.randomUUID().toString();
                    BasicAttributes key = new BasicAttributes(true);
                    key.put("objectClass", "msFVE-RecoveryInformation");
                    key.put("msFVE-RecoveryGuid", bytesOf(keyId));
                    key.put("msFVE-VolumeGuid", bytesOf(UUID.randomUUID().toString()));
                    key.put("msFVE-RecoveryPassword", password);
                    // A positive offset's '+' is special in a DN: escaped, as AD itself names objects east of UTC.
                    ctx.createSubcontext("CN=" + Rdn.escapeValue(NAME_TIME.format(Instant.now().atOffset(ZoneOffset.UTC))
                            + "{" + keyId.toUpperCase(Locale.ROOT) + "}") + "," + dn, key).close();
                }
            } finally {
                ctx.close();
            }
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A BitLocker recovery object under a computer, as Group Policy's backup writes it: named
     * {@code <time with offset>{<key GUID>}}, GUIDs binary in Windows byte order. {@code keyPackage} may be {@code null}.
     */
    public String recoveryKey(String computerDn, String keyId, String volumeGuid, Instant createdAt, String recoveryPassword,
            byte[] keyPackage) {
        String name = NAME_TIME.format(createdAt.atOffset(ZoneOffset.ofHours(-8))) + "{" + keyId.toUpperCase(Locale.ROOT) + "}";
        String dn = "CN=" + Rdn.escapeValue(name) + "," + computerDn;
        try {
            DirContext ctx = admin();
            try {
                BasicAttributes attrs = new BasicAttributes(true);
                attrs.put("objectClass", "msFVE-RecoveryInformation");
                attrs.put("msFVE-RecoveryGuid", bytesOf(keyId));
                attrs.put("msFVE-VolumeGuid", bytesOf(volumeGuid));
                attrs.put("msFVE-RecoveryPassword", recoveryPassword);
                if (keyPackage != null) {
                    attrs.put("msFVE-KeyPackage", keyPackage);
                }
                ctx.createSubcontext(dn, attrs).close();
                return dn;
            } finally {
                ctx.close();
            }
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces one attribute's value (e.g. a malformed recovery password). */
    public void replace(String dn, String attribute, Object value) {
        try {
            DirContext ctx = admin();
            try {
                ctx.modifyAttributes(dn, new ModificationItem[] {
                        new ModificationItem(DirContext.REPLACE_ATTRIBUTE, new BasicAttribute(attribute, value))});
            } finally {
                ctx.close();
            }
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes an object and everything under it. */
    public void delete(String dn) {
        try {
            DirContext ctx = admin();
            try {
                deleteTree(ctx, dn);
            } finally {
                ctx.close();
            }
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(DirContext ctx, String dn) throws NamingException {
        SearchControls one = new SearchControls();
        one.setSearchScope(SearchControls.ONELEVEL_SCOPE);
        one.setReturningAttributes(new String[0]);
        List<String> children = new ArrayList<>();
        NamingEnumeration<SearchResult> results = ctx.search(dn, "(objectClass=*)", one);
        while (results.hasMore()) {
            children.add(results.next().getNameInNamespace());
        }
        for (String child : children) {
            deleteTree(ctx, child);
        }
        ctx.destroySubcontext(dn);
    }

    /** An account with Read Property and List on everything under {@code scopeDn}: it lists keys, cannot read them. */
    public Account lister(String name, String scopeDn) {
        return account(name, scopeDn, "RPLC", "Kg-" + UUID.randomUUID() + "-a1");
    }

    /** An account that may also read the confidential recovery passwords (Control Access) under {@code scopeDn}. */
    public Account reader(String name, String scopeDn) {
        return reader(name, scopeDn, "Kg-" + UUID.randomUUID() + "-a1");
    }

    /** {@link #reader(String, String)} with a given password (the demo's, written in its realm's configuration). */
    public Account reader(String name, String scopeDn, String password) {
        return account(name, scopeDn, "RPLCCR", password);
    }

    /** The domain's Administrator (e.g. the account of a realm's LDAP user federation in a test). */
    public Account administrator() {
        return new Account(ADMIN_DN, ADMIN_PASSWORD);
    }

    /** A plain user of the domain (e.g. a computer's {@code managedBy}), with a user principal name. */
    public Account user(String name) {
        String password = "Kg-" + UUID.randomUUID() + "-u1";
        try {
            run(60, "samba-tool", "user", "create", name, password, "-H", samDb(),
                    "--mail-address=" + name + "@keygate.test");
            return new Account("CN=" + name + ",CN=Users," + BASE_DN, password);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Account account(String name, String scopeDn, String rights, String password) {
        try {
            run(60, "samba-tool", "user", "create", name, password, "-H", samDb());
            String dn = "CN=" + name + ",CN=Users," + BASE_DN;
            String sid;
            DirContext ctx = admin();
            try {
                sid = sidOf((byte[]) ctx.getAttributes(dn, new String[] {"objectSid"}).get("objectSid").get());
            } finally {
                ctx.close();
            }
            run(60, "samba-tool", "dsacl", "set", "-H", samDb(), "--objectdn=" + scopeDn,
                    "--sddl=(A;CI;" + rights + ";;;" + sid + ")");
            return new Account(dn, password);
        } catch (IOException | NamingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String samDb() {
        return "tdb://" + dir.resolve("private/sam.ldb");
    }

    /** The server's log (what a DC's operator sees of our reads). */
    public Path log() {
        return dir.resolve("samba.log");
    }

    /** A Windows GUID (first three fields little-endian) in its usual string form. */
    public static String guidOf(byte[] b) {
        byte[] o = {b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]};
        StringBuilder hex = new StringBuilder();
        for (byte x : o) {
            hex.append(String.format("%02x", x));
        }
        String h = hex.toString();
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-"
                + h.substring(20);
    }

    /** A GUID string as the 16 bytes AD stores (Windows byte order). */
    public static byte[] bytesOf(String guid) {
        String h = guid.replace("-", "");
        byte[] s = new byte[16];
        for (int i = 0; i < 16; i++) {
            s[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return new byte[] {s[3], s[2], s[1], s[0], s[5], s[4], s[7], s[6], s[8], s[9], s[10], s[11], s[12], s[13], s[14], s[15]};
    }

    private static String sidOf(byte[] b) {
        StringBuilder sid = new StringBuilder("S-").append(b[0] & 0xff);
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (b[i] & 0xff);
        }
        sid.append('-').append(authority);
        for (int i = 0; i < (b[1] & 0xff); i++) {
            int at = 8 + 4 * i;
            long sub = (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
            sid.append('-').append(sub);
        }
        return sid.toString();
    }

    private void run(int seconds, String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("commands.log").toFile().exists()
                        ? ProcessBuilder.Redirect.appendTo(dir.resolve("commands.log").toFile())
                        : ProcessBuilder.Redirect.to(dir.resolve("commands.log").toFile()))
                .start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
                throw new IOException(command[0] + " " + command[1] + " failed: " + Files.readString(dir.resolve("commands.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String output(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether an attribute came back, e.g. a password the account may not see. */
    public static boolean has(javax.naming.directory.Attributes attrs, String name) {
        Attribute a = attrs.get(name);
        return a != null && a.size() > 0;
    }
}
