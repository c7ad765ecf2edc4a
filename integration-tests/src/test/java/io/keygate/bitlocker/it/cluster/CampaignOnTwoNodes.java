package io.keygate.bitlocker.it.cluster;

import static io.keygate.bitlocker.it.cluster.TwoNodes.a;
import static io.keygate.bitlocker.it.cluster.TwoNodes.api;
import static io.keygate.bitlocker.it.cluster.TwoNodes.b;
import static io.keygate.bitlocker.it.cluster.TwoNodes.balanced;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.JiraCloud;
import io.keygate.bitlocker.it.support.KeycloakNode;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.simulators.JiraComment;
import io.keygate.bitlocker.simulators.JiraIssue;
import io.keygate.bitlocker.simulators.agent.DeviceAgent;
import org.junit.jupiter.api.Test;

/**
 * A campaign (SPEC §14) released at both nodes at once: the per-user campaign limit holds exactly across the cluster,
 * every release is audited once with the campaign, and its ticket gets one summary comment per interval however many
 * nodes run the campaign task. Run as {@link TwoNodeClusterTest.Campaigns}, on its nodes.
 */
abstract class CampaignOnTwoNodes {

    private static final String REALM = "cluster-campaign-" + Long.toString(System.currentTimeMillis(), 36);
    private static final String TICKET = "MAJOR-1";
    private static final int LIMIT = 5;

    @Test
    void theCampaignLimitHoldsAcrossBothNodesAndItsTicketIsCommentedOnOncePerInterval() throws Exception {
        TwoNodes.jira.seed(JiraIssue.incident(TICKET, "Faulty update: the fleet is at the recovery screen")
                .ofType("Major Incident"));
        TwoNodes.createStaffRealm(REALM, "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"ticketing\":{\"system\":\"jira\",\"apiVersion\":\"3\",\"baseUrl\":\"" + TwoNodes.jira.baseUrl() + "\","
                + "\"username\":\"" + JiraCloud.USER + "\",\"token\":\"" + JiraCloud.TOKEN + "\",\"annotate\":true},"
                + "\"notifications\":{\"notifyOwner\":false},\"rotation\":{\"afterReveal\":false},"
                + "\"campaigns\":{\"enabled\":true,\"revealsPerUserPerHour\":" + LIMIT + "}}");
        List<Fleet.Device> devices = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            devices.add(TwoNodes.escrow(i % 2 == 0 ? a : b, REALM, "MAJOR-PC-" + i, null, DeviceAgent.withNewKey()));
        }
        String campaign = TwoNodes.approvedCampaign(REALM, TICKET, devices.stream().map(Fleet.Device::deviceId).toList());

        String helpdesk = TwoNodes.stepUp(REALM, TestRealm.HELPDESK);
        ExecutorService pool = Executors.newFixedThreadPool(devices.size());
        List<Api.Reply> answered = new ArrayList<>();
        try {
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < devices.size(); i++) {
                KeycloakNode node = i % 2 == 0 ? a : b;
                String deviceId = devices.get(i).deviceId();
                replies.add(pool.submit(() -> balanced(Api.post(api(node, REALM) + "/keys/" + deviceId + "/reveal",
                        "{\"campaignId\":\"" + campaign + "\"}")).bearer(helpdesk).send()));
            }
            for (Future<Api.Reply> reply : replies) {
                answered.add(reply.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answered).extracting(Api.Reply::status).containsOnly(200, 429);
        assertThat(answered.stream().filter(r -> r.status() == 200).count())
                .as("campaign releases across both nodes: exactly the hourly campaign limit").isEqualTo(LIMIT);
        JsonNode progress = balanced(Api.get(api(a, REALM) + "/campaigns/" + campaign))
                .bearer(TwoNodes.password(REALM, TestRealm.AUDITOR)).send().json();
        assertThat(progress.path("revealed").asLong()).isEqualTo(LIMIT);
        JsonNode revealed = balanced(Api.get(api(b, REALM) + "/keys/audit?action=KEY_REVEALED&max=100"))
                .bearer(TwoNodes.password(REALM, TestRealm.AUDITOR)).send().json().path("items");
        assertThat(revealed).hasSize(LIMIT).allSatisfy(e -> assertThat(e.path("campaignId").asText()).isEqualTo(campaign));

        // Both nodes run the campaign task every second; the ticket gets one summary, and none more within the interval.
        List<JiraComment> comments = Eventually.await(() -> comments(), list -> !list.isEmpty(), 30);
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).text()).contains("Devices released in the period: " + LIMIT);
        Thread.sleep(5_000);
        assertThat(comments()).as("one comment per interval, whichever node looked").hasSize(1);
    }

    private static List<JiraComment> comments() {
        return TwoNodes.jira.comments().stream().filter(c -> c.issueKey().equals(TICKET)).toList();
    }
}
