package io.keygate.bitlocker.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class CampaignSummaryTest {

    private static final CampaignSummary SUMMARY = new CampaignSummary("6f1c2c1e-0d7a-4f7e-9a53-2d6e4b1c9a10",
            "0b9f1e2a-3c4d-4e5f-8a6b-7c8d9e0f1a2b", Instant.parse("2026-12-07T08:00:00Z").toEpochMilli(),
            Instant.parse("2026-12-07T09:00:00Z").toEpochMilli(), 120, List.of("PC-0001", "PC-0002"), 300, 250, 10000);

    @Test
    void namesTheDevicesAndCountsThemAllWithTheSummaryIdThatRecognisesIt() {
        assertThat(SUMMARY.text()).contains("campaign 6f1c2c1e-0d7a-4f7e-9a53-2d6e4b1c9a10",
                "from 2026-12-07T08:00:00Z to 2026-12-07T09:00:00Z", "Devices released in the period: 120",
                "PC-0001, PC-0002 and 118 more", "300 of 10000 revealed, 250 rotated",
                "Summary: 0b9f1e2a-3c4d-4e5f-8a6b-7c8d9e0f1a2b");
    }

    @Test
    void theFirstSummaryCoversTheCampaignFromItsStartAndListsNoMoreThanItHas() {
        CampaignSummary first = new CampaignSummary("c", "s", 0, Instant.parse("2026-12-07T09:00:00Z").toEpochMilli(), 2,
                List.of("A", "B"), 2, 0, 5);
        assertThat(first.text()).contains("since the campaign began", "Devices: A, B\n").doesNotContain("more");
    }

    @Test
    void deviceNamesPassThroughTheSystemsEscaping() {
        CampaignSummary hostile = new CampaignSummary("c", "s", 0, 0, 1,
                List.of("[x|https://phish.example]"), 1, 0, 1);
        assertThat(hostile.text(name -> name.replace("[", "\\[").replace("]", "\\]").replace("|", "\\|")))
                .contains("\\[x\\|https://phish.example\\]");
    }
}
