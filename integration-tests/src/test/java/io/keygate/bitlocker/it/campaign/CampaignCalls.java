package io.keygate.bitlocker.it.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.JiraIssue;
import io.keygate.bitlocker.simulators.JiraSimulator;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The campaign endpoints (SPEC §14) and a release under a campaign, as this package's tests call them: a realm
 * ticketed by a Jira simulator whose major incidents they seed, campaigns created by the admin, and step-up tokens.
 */
final class CampaignCalls {

    private static final AtomicInteger TICKETS = new AtomicInteger(9100);

    private final ManagedRealm realm;
    private final JiraSimulator jira;

    CampaignCalls(ManagedRealm realm, JiraSimulator jira) {
        this.realm = realm;
        this.jira = jira;
    }

    /** Campaigns on or off; a user's ordinary releases limited to one an hour, campaign releases to {@code perHour}. */
    void configure(boolean enabled, int perHour) {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":true},\"limits\":{\"revealsPerUserPerHour\":1},"
                + "\"campaigns\":{\"enabled\":" + enabled + ",\"ticketTypes\":[\"Major Incident\"],\"maxDevices\":5,"
                + "\"maxHours\":2,\"revealsPerUserPerHour\":" + perHour + "},"
                + "\"ticketing\":{\"system\":\"jira\",\"apiVersion\":\"3\",\"baseUrl\":\"" + jira.baseUrl() + "\","
                + "\"username\":\"helpdesk-bot@example.test\",\"token\":\"cloud-api-token\",\"annotate\":true,"
                + "\"requireDeviceReference\":true,\"maxDevicesPerTicket\":1}}");
    }

    static String nextTicket() {
        return "MI-" + TICKETS.incrementAndGet();
    }

    String majorIncident() {
        String key = nextTicket();
        jira.seed(JiraIssue.incident(key, "Faulty endpoint-security update: fleet at the BitLocker recovery screen")
                .ofType("Major Incident"));
        return key;
    }

    String token(String user) {
        return BrowserLogin.cachedStepUpToken(realm, user);
    }

    String campaigns() {
        return Api.bitlocker(realm.getName()) + "/campaigns";
    }

    Api.Reply create(String body) {
        return Api.post(campaigns(), body).bearer(token(TestRealm.ADMIN)).send();
    }

    static String ids(List<Fleet.Device> devices) {
        return String.join(",", devices.stream().map(d -> "\"" + d.deviceId() + "\"").toList());
    }

    JsonNode created(String ticket, List<Fleet.Device> devices) {
        Api.Reply reply = create("{\"ticket\":\"" + ticket + "\",\"reason\":\"Fleet-wide boot failure\",\"deviceIds\":["
                + ids(devices) + "]}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    /** A campaign created by the admin and approved by the approver. */
    String approved(String ticket, List<Fleet.Device> devices) {
        String id = created(ticket, devices).path("campaignId").asText();
        Api.Reply approved = decide(id, "approve", TestRealm.APPROVER);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        return id;
    }

    Api.Reply decide(String campaignId, String verb, String user) {
        return Api.post(campaigns() + "/" + campaignId + "/" + verb, "").bearer(token(user)).send();
    }

    Api.Reply reveal(Fleet.Device device, String body, String user) {
        return Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal", body)
                .bearer(token(user)).send();
    }

    Api.Reply underCampaign(Fleet.Device device, String campaignId, String user) {
        return reveal(device, "{\"campaignId\":\"" + campaignId + "\"}", user);
    }

    Api.Reply underCampaign(Fleet.Device device, String campaignId) {
        return underCampaign(device, campaignId, TestRealm.HELPDESK);
    }

    JsonNode campaign(String campaignId) {
        return Api.get(campaigns() + "/" + campaignId).bearer(token(TestRealm.HELPDESK)).send().json();
    }

    JsonNode audit(String query) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?max=200&" + query)
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
    }

    List<Fleet.Device> fleet(String prefix, int n) {
        List<Fleet.Device> devices = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            devices.add(Fleet.escrow(realm.getName(), prefix + "-" + i, null));
        }
        return devices;
    }
}
