package io.keygate.bitlocker.it.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.SqlTrace;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * An agent's check-in that reports what is already on record writes nothing: one read of the device (with its keys
 * and rotation), no insert, no update, so no commit waits for the disk. A report that changes something is written
 * as before, and {@code lastCheckIn} moves with it.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class CheckInStatementsTest {

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @Test
    void anUnchangedReportWritesNothingAndAChangedOneIsWritten() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"keySource\":\"local\",\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
        Fleet.Device laptop = Fleet.escrow(realm.getName(), "QUIET-LAPTOP", TestRealm.OWNER);
        String unchanged = Fleet.checkInBody("QUIET-LAPTOP", TestRealm.OWNER, "ENCRYPTED", laptop.keys());
        String firstCheckIn = lastCheckIn(laptop.deviceId());

        List<String> quiet = SqlTrace.ofExtension(realm.getName(), () -> checkIn(laptop, unchanged));

        String all = String.join("\n", quiet);
        assertThat(quiet.stream().filter(s -> s.matches("SELECT .*DEVICE_NAME.* FROM BLK_DEVICE .*")))
                .as("reads of the device\n%s", all).hasSize(1);
        // (the device's read names the rotation table in a subquery, hence no parenthesis before the main FROM)
        assertThat(quiet.stream().filter(s -> s.matches("SELECT [^(]* FROM BLK_(RECOVERY_KEY|ROTATION) .*")))
                .as("reads of keys or rotations apart from the device's\n%s", all).isEmpty();
        assertThat(quiet).as("writes of an unchanged check-in\n%s", all)
                .noneMatch(s -> s.startsWith("INSERT") || s.startsWith("UPDATE") || s.startsWith("DELETE"));
        assertThat(lastCheckIn(laptop.deviceId())).isEqualTo(firstCheckIn);

        String renamed = Fleet.checkInBody("QUIET-LAPTOP-2", TestRealm.OWNER, "ENCRYPTED", laptop.keys());
        List<String> changed = SqlTrace.ofExtension(realm.getName(), () -> checkIn(laptop, renamed));

        assertThat(changed).as("writes of a check-in that renames the device\n%s", String.join("\n", changed))
                .anyMatch(s -> s.startsWith("UPDATE BLK_DEVICE "));
        Api.Reply device = Api.get(Api.bitlocker(realm.getName()) + "/keys/" + laptop.deviceId())
                .bearer(Tokens.password(realm.getName(), TestRealm.HELPDESK)).send();
        assertThat(device.json().path("deviceName").asText()).isEqualTo("QUIET-LAPTOP-2");
        assertThat(device.json().path("lastCheckIn").asText()).isNotEqualTo(firstCheckIn);
    }

    private void checkIn(Fleet.Device device, String body) {
        Api.Reply reply = Fleet.checkIn(realm.getName(), device.deviceId(), body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    private String lastCheckIn(String deviceId) {
        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys/" + deviceId)
                .bearer(Tokens.password(realm.getName(), TestRealm.HELPDESK)).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("lastCheckIn").asText();
    }
}
