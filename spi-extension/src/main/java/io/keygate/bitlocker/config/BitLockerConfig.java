package io.keygate.bitlocker.config;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.keygate.bitlocker.ticketing.TicketingSettings;

/**
 * The per-realm configuration document of SPEC §8. Field defaults are the documented defaults,
 * so a realm that was never configured behaves as the spec describes (and is not enabled).
 */
@JsonPropertyOrder({"enabled", "keySource", "local", "entra", "activeDirectory", "ticketing", "stepUp", "selfService", "rotation",
        "notifications", "limits", "access", "escrow", "approval", "campaigns", "forwarding"})
public class BitLockerConfig {

    public static final String KEY_SOURCE_LOCAL = "local";
    public static final String KEY_SOURCE_ENTRA = "entra";
    public static final String KEY_SOURCE_ACTIVE_DIRECTORY = "activeDirectory";

    public boolean enabled = false;
    public String keySource = KEY_SOURCE_LOCAL;
    public Local local = new Local();
    public Entra entra = new Entra();
    public ActiveDirectory activeDirectory = new ActiveDirectory();
    public Ticketing ticketing = new Ticketing();
    public StepUp stepUp = new StepUp();
    public SelfService selfService = new SelfService();
    public Rotation rotation = new Rotation();
    public Notifications notifications = new Notifications();
    public Limits limits = new Limits();
    public Access access = new Access();
    public Escrow escrow = new Escrow();
    public Approval approval = new Approval();
    public Campaigns campaigns = new Campaigns();
    public Forwarding forwarding = new Forwarding();

    public static class Local {
        /** Base64 256-bit key-encryption key, literal or {@code ${vault.name}}. */
        public String kek = "";
    }

    @JsonPropertyOrder({"tenantId", "clientId", "clientSecret", "certificate", "authorityHost", "graphBaseUrl",
            "ownerIdentityProvider", "ownerAttribute", "syncIntervalMinutes"})
    public static class Entra {
        public String tenantId = "";
        public String clientId = "";
        public String clientSecret = "";
        public String certificate = "";
        public String authorityHost = "https://login.microsoftonline.com/";
        public String graphBaseUrl = "https://graph.microsoft.com";
        public String ownerIdentityProvider = "";
        public String ownerAttribute = "email";
        public int syncIntervalMinutes = 15;
    }

    /** Keys that Group Policy backed up to AD DS (SPEC §9). */
    @JsonPropertyOrder({"url", "startTls", "ldapComponent", "bindDn", "bindCredential", "baseDn", "computerFilter",
            "ownerAttribute", "keyPackages", "syncIntervalMinutes"})
    public static class ActiveDirectory {
        /** {@code ldaps://host[:port]} or {@code ldap://…} with {@link #startTls}; empty: {@link #ldapComponent}'s connection. */
        public String url = "";
        public boolean startTls = false;
        /** The id or name of the realm's LDAP user-federation component whose connection is used when {@link #url} is empty. */
        public String ldapComponent = "";
        public String bindDn = "";
        /** Literal or {@code ${vault.name}}. */
        public String bindCredential = "";
        public String baseDn = "";
        public String computerFilter = "(objectClass=computer)";
        public String ownerAttribute = "managedBy";
        public boolean keyPackages = false;
        public int syncIntervalMinutes = 15;
    }

    @JsonPropertyOrder({"system", "baseUrl", "apiVersion", "authType", "username", "token", "incidentTypes",
            "requireDeviceReference", "maxDevicesPerTicket", "annotate", "breakGlass"})
    public static class Ticketing {
        public String system = "jira";
        public String baseUrl = "";
        public String apiVersion = "3";
        /** {@code basic} (Jira Cloud e-mail + API token, ServiceNow user + password; Jira DC ignores it) or
         *  {@code oauth} (ServiceNow OAuth client credentials: username = client ID, token = client secret). */
        public String authType = "basic";
        public String username = "";
        public String token = "";
        public List<String> incidentTypes = new ArrayList<>(List.of("Incident"));
        public boolean requireDeviceReference = true;
        public int maxDevicesPerTicket = 1;
        public boolean annotate = true;
        public boolean breakGlass = false;

        /** How to reach the system, with {@code token} as given (resolved from the vault, or as configured). */
        public TicketingSettings settings(String resolvedToken) {
            return new TicketingSettings(baseUrl, apiVersion, TicketingSettings.AuthType.fromConfig(authType), username,
                    resolvedToken, null, TicketingSettings.DEFAULT_RETRY_BUDGET);
        }
    }

    public static class StepUp {
        public String acr = "2";
        public int maxAgeSeconds = 300;
    }

    public static class SelfService {
        public boolean enabled = true;
        public boolean requireStepUp = true;
    }

    public static class Rotation {
        public boolean afterReveal = true;
        public int retainPreviousDays = 7;
    }

    public static class Notifications {
        public boolean notifyOwner = true;
        public List<String> auditorEmails = new ArrayList<>();
        public List<String> approverEmails = new ArrayList<>();
    }

    public static class Limits {
        public int revealsPerUserPerHour = 20;
        /** Release requests of dual control (SPEC §11) a user may make in an hour. */
        public int requestsPerUserPerHour = 10;
    }

    public static class Access {
        /** Accepts the tokens of any client of the realm, alone in {@link #clients}. */
        public static final String ANY_CLIENT = "*";
        public static final List<String> DEFAULT_CLIENTS = List.of("bitlocker-console", "account-console");

        /** The clients ({@code azp}) whose access tokens the people's endpoints accept (SPEC §2). */
        public List<String> clients = new ArrayList<>(DEFAULT_CLIENTS);
    }

    /** Dual control (SPEC §11): which routes need a second person, and how long approvals and requests live. */
    public static class Approval {
        public List<String> requiredFor = new ArrayList<>();
        public int useWithinMinutes = 60;
        public int pendingHours = 24;
    }

    /** Campaigns (SPEC §14): many devices under one major-incident ticket and one approval. */
    @JsonPropertyOrder({"enabled", "ticketTypes", "maxDevices", "maxHours", "revealsPerUserPerHour"})
    public static class Campaigns {
        public boolean enabled = false;
        public List<String> ticketTypes = new ArrayList<>(List.of("Major Incident", "Incident"));
        public int maxDevices = 10000;
        /** How long a campaign releases keys from its approval. */
        public int maxHours = 72;
        /** A user's releases under campaigns in an hour (counted apart from {@code limits.revealsPerUserPerHour}). */
        public int revealsPerUserPerHour = 600;
    }

    /** Audit forwarding (SPEC §12). */
    public static class Forwarding {
        public Syslog syslog = new Syslog();
        public Webhook webhook = new Webhook();
    }

    public static class Syslog {
        public boolean enabled = false;
        public String host = "";
        public int port = 6514;
        public boolean tls = true;
    }

    public static class Webhook {
        public boolean enabled = false;
        public String url = "";
        /** HMAC key of {@code X-Keygate-Signature}: literal or {@code ${vault.name}}. */
        public String secret = "";
    }

    public static class Escrow {
        public static final String BINDING_DPOP = "dpop";
        public static final String BINDING_NONE = "none";

        /** {@code dpop}: devices are pinned to their agent's DPoP key; {@code none}: plain bearer check-ins. */
        public String deviceBinding = BINDING_DPOP;
        /** Check-ins per agent key (per device under {@code none}) and hour, counted on each node. */
        public int checkInsPerKeyPerHour = 60;
    }
}
