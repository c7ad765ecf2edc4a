package io.keygate.bitlocker.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of SPEC §6 on tickets already fetched: no HTTP here. */
class TicketPolicyTest {

    static final String ID = "6f1c2a9e-4b7d-4c1e-9a3b-2d5e8f0a1b2c";
    static final String NAME = "HD-LAPTOP-7";
    static final TicketPolicy POLICY = new TicketPolicy(List.of("Incident", "Service request"), true);

    static Ticket ticket(String type, boolean open, String... references) {
        return new Ticket("jira", "OPS-1", "10001", "https://jira.example/browse/OPS-1", "In Progress", type, open,
                List.of(references));
    }

    @Test
    void rulesApplyInTheSpecsOrder() {
        // A closed Task naming nothing is refused for its type first, then for being closed.
        assertThat(POLICY.evaluate(Optional.of(ticket("Task", false)), ID, NAME)).isEqualTo(TicketVerdict.TICKET_WRONG_TYPE);
        assertThat(POLICY.evaluate(Optional.of(ticket("Incident", false)), ID, NAME)).isEqualTo(TicketVerdict.TICKET_NOT_OPEN);
        assertThat(POLICY.evaluate(Optional.of(ticket("Incident", true)), ID, NAME))
                .isEqualTo(TicketVerdict.TICKET_DEVICE_MISMATCH);
        assertThat(POLICY.evaluate(Optional.empty(), ID, NAME)).isEqualTo(TicketVerdict.TICKET_NOT_FOUND);
    }

    @Test
    void typesCompareIgnoringCase() {
        assertThat(POLICY.evaluate(Optional.of(ticket("service REQUEST", true, NAME)), ID, NAME))
                .isEqualTo(TicketVerdict.ACCEPTED);
        assertThat(POLICY.evaluate(Optional.of(ticket(null, true, NAME)), ID, NAME)).isEqualTo(TicketVerdict.TICKET_WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HD-LAPTOP-7", "hd-laptop-7 is stuck", "Device: HD-LAPTOP-7.", "(HD-LAPTOP-7)",
            "laptops HD-LAPTOP-6, HD-LAPTOP-7", "line one\nHD-LAPTOP-7\nline three",
            "id 6F1C2A9E-4B7D-4C1E-9A3B-2D5E8F0A1B2C", "ref:6f1c2a9e-4b7d-4c1e-9a3b-2d5e8f0a1b2c"})
    void theDeviceIsNamedByWholeNameOrGuid(String reference) {
        assertThat(POLICY.evaluate(Optional.of(ticket("Incident", true, reference)), ID, NAME))
                .isEqualTo(TicketVerdict.ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HD-LAPTOP-70", "XHD-LAPTOP-7", "HD-LAPTOP-7-OLD", "HD_LAPTOP-7", "HD-LAPTOP-7_B",
            "HD LAPTOP 7", "6f1c2a9e-4b7d-4c1e-9a3b", ""})
    void nearMissesDoNotNameTheDevice(String reference) {
        assertThat(POLICY.evaluate(Optional.of(ticket("Incident", true, reference)), ID, NAME))
                .isEqualTo(TicketVerdict.TICKET_DEVICE_MISMATCH);
    }

    @Test
    void withoutRequiredReferenceAnOpenIncidentSuffices() {
        TicketPolicy lenient = new TicketPolicy(List.of("Incident"), false);
        assertThat(lenient.evaluate(Optional.of(ticket("Incident", true, "nothing")), ID, NAME))
                .isEqualTo(TicketVerdict.ACCEPTED);
    }
}
