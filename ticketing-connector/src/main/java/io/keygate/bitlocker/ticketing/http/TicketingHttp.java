package io.keygate.bitlocker.ticketing.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.Configurable;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;
import org.jboss.logging.Logger;

import io.keygate.bitlocker.ticketing.TicketingSettings;
import io.keygate.bitlocker.ticketing.TicketingUnavailableException;

/**
 * The one way ticketing providers call their system: per-request timeouts, no redirects, 429 waited
 * out within the retry budget, and every answer other than 2xx or 404 turned into
 * {@link TicketingUnavailableException} so the release path fails closed.
 */
public final class TicketingHttp {

    private static final Logger LOG = Logger.getLogger(TicketingHttp.class);

    /** A 429 without a readable {@code Retry-After} is retried after this pause. */
    static final Duration DEFAULT_RETRY_WAIT = Duration.ofSeconds(1);
    /** Guards against a system answering {@code Retry-After: 0} forever. */
    static final int MAX_ATTEMPTS = 10;
    /** Issues and incidents are small; anything bigger is not the answer we asked for. */
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    private final CloseableHttpClient client;
    private final String system;

    /** What to send; called again for each attempt so a retried request is built fresh. */
    @FunctionalInterface
    public interface RequestBuilder {
        HttpRequestBase build() throws TicketingUnavailableException;
    }

    /**
     * @param client Keycloak's outgoing client (proxy, truststore); not closed here, Keycloak owns it
     * @param system the system's name for messages, e.g. {@code Jira}
     */
    public TicketingHttp(CloseableHttpClient client, String system) {
        this.client = client;
        this.system = system;
    }

    /**
     * Sends the request, waiting out 429s while the retry budget lasts.
     *
     * @param what the operation for messages, e.g. {@code reading ITSM-101}; never a credential
     * @return a 2xx or 404 answer
     */
    public TicketingResponse send(RequestBuilder builder, TicketingSettings settings, String what)
            throws TicketingUnavailableException {
        long deadline = System.nanoTime() + settings.retryBudget().toNanos();
        for (int attempt = 1; ; attempt++) {
            HttpRequestBase request = builder.build();
            request.setConfig(requestConfig(settings.timeout()));
            Attempt outcome = exchange(request, what);
            if (outcome.response() != null) {
                return outcome.response();
            }
            Duration wait = RetryAfter.parse(outcome.retryAfter(), Instant.now()).orElse(DEFAULT_RETRY_WAIT);
            if (attempt >= MAX_ATTEMPTS || System.nanoTime() + wait.toNanos() > deadline) {
                throw new TicketingUnavailableException(system + " kept answering HTTP 429 (rate limited) while "
                        + what + "; retry budget of " + settings.retryBudget().toSeconds() + " s exhausted");
            }
            LOG.debugf("%s rate-limited %s; retrying in %d ms (attempt %d)", system, what, wait.toMillis(), attempt);
            pause(wait);
        }
    }

    /** One exchange: an interpretable response, or the {@code Retry-After} of a 429. */
    private record Attempt(TicketingResponse response, String retryAfter) {
    }

    private Attempt exchange(HttpRequestBase request, String what) throws TicketingUnavailableException {
        try (CloseableHttpResponse response = client.execute(request)) {
            int status = response.getStatusLine().getStatusCode();
            if (status == 429) {
                EntityUtils.consumeQuietly(response.getEntity());
                Header header = response.getFirstHeader("Retry-After");
                return new Attempt(null, header == null ? null : header.getValue());
            }
            if ((status >= 200 && status < 300) || status == 404) {
                return new Attempt(new TicketingResponse(system, status, readBody(response.getEntity(), status)), null);
            }
            EntityUtils.consumeQuietly(response.getEntity());
            throw failure(status, what);
        } catch (IOException e) {
            // Timeouts, refused connections, TLS failures: the exception type says which, the message may name the host.
            throw new TicketingUnavailableException(system + " gave no answer while " + what + " ("
                    + e.getClass().getSimpleName() + ")", e);
        } finally {
            request.releaseConnection();
        }
    }

    /**
     * The configured base URL without trailing slashes, checked to be an absolute http(s) URL so
     * paths appended to it stay on that host.
     */
    public static String baseUrl(TicketingSettings settings) throws TicketingUnavailableException {
        String base = settings.trimmedBaseUrl();
        try {
            URI uri = new URI(base);
            boolean usable = uri.isAbsolute() && uri.getHost() != null && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
            if (usable) {
                return base;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new TicketingUnavailableException("ticketing baseUrl is not an absolute http(s) URL");
    }

    private TicketingUnavailableException failure(int status, String what) {
        if (status == 401 || status == 403) {
            return new CredentialsRefusedException(system + " refused our credentials (HTTP " + status + ") while "
                    + what, status);
        }
        if (status >= 500) {
            return new TicketingUnavailableException(system + " failed (HTTP " + status + ") while " + what);
        }
        if (status >= 300 && status < 400) {
            // Redirects are not followed: HttpClient 4 would copy our Authorization header to wherever they point.
            return new TicketingUnavailableException(system + " redirected (HTTP " + status + ") while " + what
                    + "; check the configured base URL");
        }
        return new TicketingUnavailableException(system + " answered HTTP " + status + " unexpectedly while " + what);
    }

    private String readBody(HttpEntity entity, int status) throws IOException, TicketingUnavailableException {
        if (entity == null) {
            return "";
        }
        Charset charset = StandardCharsets.UTF_8;
        ContentType type = ContentType.get(entity);
        if (type != null && type.getCharset() != null) {
            charset = type.getCharset();
        }
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return "";
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (out.size() + read > MAX_BODY_BYTES) {
                    throw new TicketingUnavailableException(system + " answered HTTP " + status
                            + " with a body larger than " + MAX_BODY_BYTES + " bytes");
                }
                out.write(buffer, 0, read);
            }
            return out.toString(charset);
        }
    }

    /**
     * Starts from the client's own defaults (Keycloak's proxy and cookie settings live there) and
     * overrides what must hold for a release decision: bounded waits and no redirects.
     */
    private RequestConfig requestConfig(Duration timeout) {
        RequestConfig base = client instanceof Configurable configurable && configurable.getConfig() != null
                ? configurable.getConfig()
                : RequestConfig.DEFAULT;
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        return RequestConfig.copy(base)
                .setConnectTimeout(millis)
                .setConnectionRequestTimeout(millis)
                .setSocketTimeout(millis)
                .setRedirectsEnabled(false)
                .build();
    }

    private void pause(Duration wait) throws TicketingUnavailableException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TicketingUnavailableException(system + " retry interrupted");
        }
    }
}
