package io.keygate.bitlocker.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;

class DemoMailCatcherTest {

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void printsEachReceivedMailOnceWithRecipientSubjectAndText() throws IOException {
        int port = freePort();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoMailCatcher catcher = new DemoMailCatcher("127.0.0.1", port, new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            catcher.start();
            GreenMailUtil.sendTextEmail("olivia@demo.example.test", "keygate@demo.example.test",
                    "The BitLocker recovery key of your device DEMO-LAPTOP-01 was released", "Released by: helpdesk",
                    new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

            long until = System.currentTimeMillis() + 5000;
            while (!printed.toString(StandardCharsets.UTF_8).contains("Released by") && System.currentTimeMillis() < until) {
                Thread.onSpinWait();
            }
            String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(out).contains("e-mail to olivia@demo.example.test",
                    "Subject: The BitLocker recovery key of your device DEMO-LAPTOP-01 was released", "Released by: helpdesk");
            assertThat(catcher.printNew()).as("nothing is printed twice").isZero();
        } finally {
            catcher.stop();
        }
    }
}
