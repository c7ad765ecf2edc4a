package io.keygate.bitlocker.it.benchmark;

import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.JiraCloud;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.simulators.JiraSimulator;
import org.keycloak.testframework.realm.RealmBuilder;

/**
 * The benchmarks' realm: the test realm's staff, {@value #PROPERTY} helpdesk technicians for the campaign steps, and
 * tokens and sessions that outlive a run; {@link #extensionConfig} is the extension's configuration for it.
 */
public class BenchmarkRealm extends TestRealm {

    private static final String PROPERTY = "benchmark.technicians";
    /** The technicians revealing under a campaign at once, each with a step-up token of their own. */
    public static final int TECHNICIANS = Integer.getInteger(PROPERTY, 20);
    /**
     * The device owners, and as many helpdesk technicians, the reveal rows spread over: each reveals a few times an hour
     * in a run, as people do, so the release count a reveal makes reads a few of their releases and not thousands.
     */
    public static final int REVEALERS = Integer.getInteger("benchmark.revealers", 200);

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        RealmBuilder staff = super.configure(realm);
        for (int t = 0; t < TECHNICIANS; t++) {
            staff.users(user(technician(t)).realmRoles("bitlocker-helpdesk"));
        }
        for (int n = 0; n < REVEALERS; n++) {
            staff.users(user(owner(n)).clientRoles("account", "manage-account", "view-profile"),
                    user(helpdesk(n)).realmRoles("bitlocker-helpdesk"));
        }
        return staff.update(r -> {
            r.setAccessTokenLifespan(4 * 3600);
            r.setSsoSessionIdleTimeout(4 * 3600);
            r.setSsoSessionMaxLifespan(8 * 3600);
        });
    }

    /** A helpdesk technician of the campaign steps: each logs in (with a TOTP code) once. */
    public static String technician(int t) {
        return String.format("tech.%02d", t);
    }

    /** One of the {@link #REVEALERS} device owners. */
    public static String owner(int n) {
        return String.format("owner.%03d", n);
    }

    /** One of the {@link #REVEALERS} helpdesk technicians of the reveal rows. */
    public static String helpdesk(int n) {
        return String.format("help.%03d", n);
    }

    /**
     * The extension's configuration for a run, tickets checked at {@code jira}. Rotation after a reveal and owner e-mails
     * are off: a run reveals the same keys hundreds of times; its agents check in thousands of times each.
     */
    public static String extensionConfig(JiraSimulator jira, boolean dualControl) {
        return "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":false},\"notifications\":{\"notifyOwner\":false},"
                + "\"escrow\":{\"checkInsPerKeyPerHour\":100000},"
                + "\"stepUp\":{\"acr\":\"2\",\"maxAgeSeconds\":14400},"
                + "\"limits\":{\"revealsPerUserPerHour\":100000,\"requestsPerUserPerHour\":1000},"
                + "\"campaigns\":{\"enabled\":true,\"maxDevices\":100000,\"revealsPerUserPerHour\":10000},"
                + (dualControl ? "\"approval\":{\"requiredFor\":[\"helpdesk\"]}," : "")
                + JiraCloud.ticketing(jira).replace("\"requireDeviceReference\":true", "\"requireDeviceReference\":false") + "}";
    }
}
