package io.keygate.bitlocker.simulators;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The demo's SMTP server (GreenMail): catches what the demo realm sends — the owner's and the
 * auditors' notifications, the daily digest — and prints each e-mail's recipients, subject and
 * plain-text body.
 */
public final class DemoMailCatcher {

    private final GreenMail smtp;
    private final PrintStream out;
    private int printed;
    private Thread watcher;

    public DemoMailCatcher(String host, int port, PrintStream out) {
        this.smtp = new GreenMail(new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP));
        this.out = out;
    }

    public void start() {
        smtp.start();
        watcher = new Thread(this::watch, "demo-mail-catcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    public void stop() {
        if (watcher != null) {
            watcher.interrupt();
        }
        smtp.stop();
    }

    /** Prints the e-mails received since the last call. */
    synchronized int printNew() {
        MimeMessage[] received = smtp.getReceivedMessages();
        for (int i = printed; i < received.length; i++) {
            out.println(describe(received[i]));
        }
        int fresh = received.length - printed;
        printed = received.length;
        return fresh;
    }

    private void watch() {
        while (!Thread.currentThread().isInterrupted()) {
            printNew();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static String describe(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            String recipients = to == null ? "" : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(", "));
            return "---- e-mail to " + recipients + "\nSubject: " + message.getSubject() + "\n\n" + text(message.getContent()).strip()
                    + "\n----";
        } catch (MessagingException | IOException e) {
            return "---- unreadable e-mail: " + e.getMessage();
        }
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                    return String.valueOf(multipart.getBodyPart(i).getContent());
                }
            }
            return multipart.getCount() > 0 ? text(multipart.getBodyPart(0).getContent()) : "";
        }
        return String.valueOf(content);
    }
}
