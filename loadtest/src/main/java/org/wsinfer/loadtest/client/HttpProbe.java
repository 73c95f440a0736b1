package org.wsinfer.loadtest.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Plain HTTP GETs to the server beside its WebSocket endpoint: {@code /v1/model}, {@code /health}, {@code /metrics}. */
public final class HttpProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    /** A probe of the server behind {@code wsUrl} (ws -> http, wss -> https, same host and port). */
    public HttpProbe(URI wsUrl, ClientTls tls, Duration timeout) throws IOException {
        boolean secure = "wss".equalsIgnoreCase(wsUrl.getScheme());
        this.base = URI.create((secure ? "https" : "http") + "://" + hostPort(wsUrl));
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1);
        if (secure) {
            b.sslContext(tls.jdkContext());
        }
        this.http = b.build();
        this.timeout = timeout;
    }

    private static String hostPort(URI u) {
        String host = u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + u.getHost() + "]" : u.getHost();
        return host + ":" + WsClient.port(u);
    }

    /** The http(s) base URI. */
    public URI base() {
        return base;
    }

    /** GET /v1/model as JSON; throws with the status when it is not 200. */
    public JsonNode model() throws IOException {
        HttpResponse<String> r = get("/v1/model");
        if (r.statusCode() != 200) {
            throw new IOException("GET " + base + "/v1/model answered HTTP " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    /** The model's {@code input_dim} from GET /v1/model. */
    public int modelInputDim() throws IOException {
        JsonNode n = model().findValue("input_dim");
        if (n == null || !n.canConvertToInt() || n.asInt() < 1) {
            throw new IOException("GET " + base + "/v1/model has no positive input_dim");
        }
        return n.asInt();
    }

    /** One GET /health: the client wall times around it and the server's Date header, if any. */
    public ClockSample health() throws IOException {
        long before = System.currentTimeMillis();
        long beforeNs = System.nanoTime();
        HttpResponse<String> r = get("/health");
        long rttNs = System.nanoTime() - beforeNs;
        long after = before + rttNs / 1_000_000L;
        Optional<String> date = r.headers().firstValue("date");
        return new ClockSample(before, after, rttNs / 1e6, r.statusCode(), date.orElse(null));
    }

    /** GET /metrics started now, without blocking: its Prometheus text, or a failure (also for a status not 200). */
    public CompletableFuture<String> metricsAsync() {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/metrics")).timeout(timeout).GET().build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + base + "/metrics answered HTTP " + r.statusCode());
            }
            return r.body();
        });
    }

    private HttpResponse<String> get(String path) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during GET " + path, e);
        } catch (IOException e) {
            throw new IOException(String.format(Locale.US, "GET %s%s failed: %s", base, path, e), e);
        }
    }

    /**
     * One clock sample.
     *
     * @param sentEpochMs     client wall time before the request
     * @param receivedEpochMs client wall time after the answer
     * @param roundTripMs     measured round trip
     * @param status          HTTP status
     * @param date            the server's Date header, or null
     */
    public record ClockSample(long sentEpochMs, long receivedEpochMs, double roundTripMs, int status, String date) {
    }
}
