package io.keygate.bitlocker.it.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.keycloak.testframework.mail.MailServer;

/** What the test SMTP server (GreenMail) received, read as a person would: to, subject, text and HTML. */
public final class Mailbox {

    public record Mail(List<String> to, String subject, String text, String html) {
        public String all() {
            return subject + "\n" + text + "\n" + html;
        }
    }

    private Mailbox() {
    }

    public static List<Mail> to(MailServer server, String address) {
        return to(server.getReceivedMessages(), address);
    }

    /** What an SMTP server of the test's own (a {@link KeycloakNode}'s) received for {@code address}. */
    public static List<Mail> to(MimeMessage[] received, String address) {
        return Arrays.stream(received).map(Mailbox::read).filter(m -> m.to().contains(address.toLowerCase())).toList();
    }

    /** Waits up to {@code seconds} for a mail to {@code address} that matches; the newest such mail. */
    public static Mail await(MailServer server, String address, Predicate<Mail> matching, int seconds) {
        List<Mail> found = Eventually.await(() -> to(server, address).stream().filter(matching).toList(),
                list -> !list.isEmpty(), seconds);
        if (found.isEmpty()) {
            throw new AssertionError("No matching e-mail to " + address + " within " + seconds + " s; received: "
                    + Arrays.stream(server.getReceivedMessages()).map(Mailbox::read).map(m -> m.to() + " " + m.subject()).toList());
        }
        return found.get(found.size() - 1);
    }

    static Mail read(MimeMessage message) {
        try {
            List<String> to = new ArrayList<>();
            for (var a : message.getRecipients(Message.RecipientType.TO)) {
                to.add(((InternetAddress) a).getAddress().toLowerCase());
            }
            StringBuilder text = new StringBuilder();
            StringBuilder html = new StringBuilder();
            collect(message.getContent(), message.getContentType(), text, html);
            return new Mail(to, message.getSubject(), text.toString(), html.toString());
        } catch (MessagingException | IOException e) {
            throw new AssertionError("Unreadable e-mail", e);
        }
    }

    private static void collect(Object content, String type, StringBuilder text, StringBuilder html)
            throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), text, html);
            }
        } else if (content instanceof String s) {
            (type.toLowerCase().startsWith("text/html") ? html : text).append(s);
        }
    }
}
