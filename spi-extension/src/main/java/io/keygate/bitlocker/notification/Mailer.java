package io.keygate.bitlocker.notification;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Sends through Keycloak's own e-mail stack: the realm's SMTP settings and e-mail theme, the
 * recipient's locale. The templates ship as theme resources, so they work under any e-mail theme
 * and a realm's own theme may override them.
 */
final class Mailer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Mailer() {
    }

    static void send(KeycloakSession session, RealmModel realm, UserModel to, NotificationKind kind,
            List<Object> subjectArgs, Map<String, Object> attributes) throws EmailException {
        if (!smtpConfigured(realm)) {
            throw new EmailException("the realm has no SMTP server configured (Realm settings, Email)");
        }
        session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(to)
                .send(kind.subjectKey(), subjectArgs, kind.template(), attributes);
    }

    static boolean smtpConfigured(RealmModel realm) {
        Map<String, String> smtp = realm.getSmtpConfig();
        return smtp != null && smtp.get("host") != null && !smtp.get("host").isBlank();
    }

    /** The addresses once each, whatever their case or surrounding blanks. */
    static Set<String> distinctAddresses(List<String> addresses) {
        Set<String> distinct = new LinkedHashSet<>();
        addresses.forEach(a -> distinct.add(a.strip().toLowerCase(Locale.ROOT)));
        return distinct;
    }

    /** A realm user with that address when there is one (their locale applies), else the bare address. */
    static UserModel byAddress(KeycloakSession session, RealmModel realm, String address) {
        UserModel user = session.users().getUserByEmail(realm, address);
        return user != null ? user : new AddressRecipient(session, realm, address);
    }

    static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }
}
