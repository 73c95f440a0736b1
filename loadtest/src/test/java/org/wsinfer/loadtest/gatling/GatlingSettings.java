package org.wsinfer.loadtest.gatling;

import org.wsinfer.loadtest.config.Durations;
import org.wsinfer.protocol.Framing;
import org.wsinfer.protocol.Protocol;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * The one immutable, validated configuration of every Gatling simulation, read from {@code wsinfer.*} system
 * properties; {@link #toString()} prints every field and {@link #describe()} lists each property with its default.
 */
public final class GatlingSettings {

    /** Property prefix shared by every setting. */
    public static final String PREFIX = "wsinfer.";

    private final URI url;
    private final Framing framing;
    private final int features;
    private final int rows;
    private final int outputs;
    private final Workload workload;
    private final int users;
    private final double rateHz;
    private final Duration ramp;
    private final Duration duration;
    private final int requestsPerUser;
    private final Duration think;
    private final Duration answerTimeout;
    private final int sloP99Ms;
    private final double maxFailedPct;
    private final double minAnswersPerSec;
    private final Path modelDir;
    private final boolean echo;
    private final Path trustCert;
    private final boolean insecure;
    private final Path tlsCert;
    private final Path tlsKey;
    private final boolean checkValues;
    private final double tolerance;
    private final double stairStartHz;
    private final double stairStepHz;
    private final int stairLevels;
    private final Duration stairLevel;
    private final Duration stairRamp;
    private final double churnRateHz;
    private final int churnRequests;
    private final int connectP99Ms;

    private GatlingSettings(Reader r) {
        String urlText = r.text("url", "");
        this.url = urlText.isEmpty() ? null : parseUrl(urlText);
        this.framing = parseFraming(r.text("framing", "binary"));
        this.features = r.intRange("features", 16, 1, 1 << 20);
        this.rows = r.intRange("rows", 1, 1, Protocol.MAX_ROWS);
        this.outputs = r.intRange("outputs", 1, 1, 1 << 20);
        this.workload = Workload.parse(r.text("workload", "open"));
        this.users = r.intRange("users", 4, 1, 100_000);
        this.rateHz = r.doubleRange("rate", 20.0, 0.001, 1e6);
        this.ramp = r.duration("ramp", "2s", false);
        this.duration = r.duration("duration", "10s", true);
        this.requestsPerUser = r.intRange("requestsPerUser", 10, 1, 100_000_000);
        this.think = r.duration("think", "0ms", false);
        this.answerTimeout = r.duration("answerTimeout", "5s", true);
        this.sloP99Ms = r.intRange("sloP99Ms", 250, 0, Integer.MAX_VALUE);
        this.maxFailedPct = r.doubleRange("maxFailedPct", 0.0, 0.0, 100.0);
        this.minAnswersPerSec = r.doubleRange("minAnswersPerSec", 10.0, 0.0, 1e9);
        String dir = r.text("modelDir", "");
        this.modelDir = dir.isEmpty() ? null : Path.of(dir);
        this.echo = r.bool("echo", false);
        this.trustCert = r.path("trustCert");
        this.insecure = r.bool("insecure", false);
        this.tlsCert = r.path("tlsCert");
        this.tlsKey = r.path("tlsKey");
        this.checkValues = r.bool("checkValues", true);
        this.tolerance = r.doubleRange("tolerance", 1e-4, 0.0, 1.0);
        this.stairStartHz = r.doubleRange("stair.startRate", 10.0, 0.0, 1e6);
        this.stairStepHz = r.doubleRange("stair.stepRate", 10.0, 0.001, 1e6);
        this.stairLevels = r.intRange("stair.levels", 3, 1, 1000);
        this.stairLevel = r.duration("stair.levelDuration", "4s", true);
        this.stairRamp = r.duration("stair.rampDuration", "1s", false);
        this.churnRateHz = r.doubleRange("churn.rate", 30.0, 0.001, 1e6);
        this.churnRequests = r.intRange("churn.requestsPerConnection", 3, 1, 1_000_000);
        this.connectP99Ms = r.intRange("churn.connectP99Ms", 1000, 0, Integer.MAX_VALUE);
        if (trustCert != null && insecure) {
            throw new IllegalArgumentException(PREFIX + "trustCert and " + PREFIX + "insecure exclude each other");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException(PREFIX + "tlsCert and " + PREFIX + "tlsKey must be given together");
        }
        if (url != null && tlsCert != null) {
            throw new IllegalArgumentException(PREFIX + "tlsCert/" + PREFIX + "tlsKey make the in-process server serve"
                    + " wss:// and cannot be used with " + PREFIX + "url");
        }
        if (echo && modelDir != null) {
            throw new IllegalArgumentException(PREFIX + "echo and " + PREFIX + "modelDir exclude each other");
        }
        if (url != null && echo) {
            throw new IllegalArgumentException(PREFIX + "echo starts an in-process echo server and cannot be used with "
                    + PREFIX + "url (the external server chooses its own model)");
        }
        if ((long) rows * features > 262_144) {
            throw new IllegalArgumentException(PREFIX + "rows * " + PREFIX + "features = " + (long) rows * features
                    + " exceeds the server's default limit of 262144 elements per request");
        }
    }

    /** The settings named by the JVM's system properties. */
    public static GatlingSettings fromSystemProperties() {
        return from(System.getProperties());
    }

    /** The settings named by {@code props} (keys {@code wsinfer.*}); unknown keys are ignored. */
    public static GatlingSettings from(Properties props) {
        return new GatlingSettings(new Reader(props));
    }

    /** The server to load, or {@code null} when the simulation starts the reference server in-process. */
    public URI url() {
        return url;
    }

    /** Whether the simulation starts (and stops) the reference server itself. */
    public boolean inProcessServer() {
        return url == null;
    }

    /** Frame type of {@link PredictSimulation} and the stair and churn simulations. */
    public Framing framing() {
        return framing;
    }

    /** Features per row of every request. */
    public int features() {
        return features;
    }

    /** Rows per request. */
    public int rows() {
        return rows;
    }

    /** Outputs per row expected from an external server whose model is not known locally. */
    public int outputs() {
        return outputs;
    }

    /** Open (arrival rate) or closed (concurrent users) injection of {@link PredictSimulation}. */
    public Workload workload() {
        return workload;
    }

    /** Concurrent users of the closed workload. */
    public int users() {
        return users;
    }

    /** New users per second of the open workload (after the ramp). */
    public double rateHz() {
        return rateHz;
    }

    /** Ramp from 1 user/s to {@link #rateHz()} before the constant phase (open workload). */
    public Duration ramp() {
        return ramp;
    }

    /** Length of the constant injection phase. */
    public Duration duration() {
        return duration;
    }

    /** Requests each virtual user sends on its connection before closing it. */
    public int requestsPerUser() {
        return requestsPerUser;
    }

    /** Pause of a user between an answer and its next request (zero: none). */
    public Duration think() {
        return think;
    }

    /** How long a user waits for each answer before the check fails. */
    public Duration answerTimeout() {
        return answerTimeout;
    }

    /** The answer check's p99 must stay strictly below this many milliseconds. */
    public int sloP99Ms() {
        return sloP99Ms;
    }

    /** Highest acceptable percentage of failed answer checks (0: none may fail). */
    public double maxFailedPct() {
        return maxFailedPct;
    }

    /** Lowest acceptable mean rate of answer checks, per second, over the run. */
    public double minAnswersPerSec() {
        return minAnswersPerSec;
    }

    /** Model directory the in-process server loads and the values are checked against, or {@code null}. */
    public Path modelDir() {
        return modelDir;
    }

    /** PEM certificate(s) the server's wss:// certificate must chain to (checked before the run), or {@code null}. */
    public Path trustCert() {
        return trustCert;
    }

    /** Whether the server's wss:// certificate is not checked at all. */
    public boolean insecure() {
        return insecure;
    }

    /** Certificate PEM of the in-process server (it then serves wss://), or {@code null}. */
    public Path tlsCert() {
        return tlsCert;
    }

    /** PKCS#8 key PEM of {@link #tlsCert()}, or {@code null}. */
    public Path tlsKey() {
        return tlsKey;
    }

    /** Whether the in-process server serves the echo model (outputs = inputs). */
    public boolean echo() {
        return echo;
    }

    /** Whether output values are compared with a locally known model (when one is known). */
    public boolean checkValues() {
        return checkValues;
    }

    /** Accepted difference per output value, relative to {@code max(1, |expected|)}. */
    public double tolerance() {
        return tolerance;
    }

    /** Users per second of the stair's first level. */
    public double stairStartHz() {
        return stairStartHz;
    }

    /** Users per second added at each stair level. */
    public double stairStepHz() {
        return stairStepHz;
    }

    /** Number of stair levels. */
    public int stairLevels() {
        return stairLevels;
    }

    /** Length of each stair level. */
    public Duration stairLevel() {
        return stairLevel;
    }

    /** Length of the ramp between stair levels. */
    public Duration stairRamp() {
        return stairRamp;
    }

    /** New short connections per second of {@link ConnectionChurnSimulation}. */
    public double churnRateHz() {
        return churnRateHz;
    }

    /** Requests sent on each short connection. */
    public int churnRequests() {
        return churnRequests;
    }

    /** The WebSocket handshake's p99 must stay strictly below this many milliseconds (churn simulation). */
    public int connectP99Ms() {
        return connectP99Ms;
    }

    /** Every property with its default, for the documentation and error messages. */
    public static String describe() {
        return String.join("\n",
                "wsinfer.url                 ws://HOST:PORT/ws of an external server; unset: start the reference server in-process",
                "wsinfer.framing             binary | text (PredictSimulation, stair, churn)       default binary",
                "wsinfer.features            features per row                                      default 16",
                "wsinfer.rows                rows per request                                      default 1",
                "wsinfer.outputs             outputs per row of an external server's model         default 1",
                "wsinfer.workload            open | closed                                         default open",
                "wsinfer.users               concurrent users (closed workload)                    default 4",
                "wsinfer.rate                new users per second (open workload)                  default 20",
                "wsinfer.ramp                ramp from 1 user/s to the rate (open workload)        default 2s",
                "wsinfer.duration            constant injection phase                              default 10s",
                "wsinfer.requestsPerUser     requests per connection                               default 10",
                "wsinfer.think               pause between answer and next request                 default 0ms",
                "wsinfer.answerTimeout       wait for each answer                                  default 5s",
                "wsinfer.sloP99Ms            p99 of the answer check must be below                 default 250",
                "wsinfer.maxFailedPct        failed answer checks allowed, percent                 default 0",
                "wsinfer.minAnswersPerSec    minimum answers per second over the run               default 10",
                "wsinfer.modelDir            model directory: served in-process, values checked    default embedded model",
                "wsinfer.echo                in-process echo server (outputs = inputs)             default false",
                "wsinfer.trustCert           wss://: PEM the server certificate must chain to      default JDK trust store",
                "wsinfer.insecure            wss://: do not check the server certificate           default false",
                "wsinfer.tlsCert / tlsKey    PEM certificate and key: the in-process server serves wss://  default none",
                "wsinfer.checkValues         compare outputs with the known model                  default true",
                "wsinfer.tolerance           accepted error per output, relative to max(1,|y|)     default 1e-4",
                "wsinfer.stair.startRate     StairSimulation: users/s of the first level           default 10",
                "wsinfer.stair.stepRate      StairSimulation: users/s added per level              default 10",
                "wsinfer.stair.levels        StairSimulation: levels                               default 3",
                "wsinfer.stair.levelDuration StairSimulation: length of a level                    default 4s",
                "wsinfer.stair.rampDuration  StairSimulation: ramp between levels                  default 1s",
                "wsinfer.churn.rate          ConnectionChurnSimulation: connections per second     default 30",
                "wsinfer.churn.requestsPerConnection  requests per short connection                default 3",
                "wsinfer.churn.connectP99Ms  p99 of the WebSocket handshake must be below          default 1000");
    }

    @Override
    public String toString() {
        return String.format(Locale.US, "GatlingSettings{url=%s, framing=%s, features=%d, rows=%d, outputs=%d, "
                        + "workload=%s, users=%d, rateHz=%.3f, ramp=%s, duration=%s, requestsPerUser=%d, think=%s, "
                        + "answerTimeout=%s, sloP99Ms=%d, maxFailedPct=%.3f, minAnswersPerSec=%.3f, modelDir=%s, "
                        + "echo=%b, checkValues=%b, tolerance=%g, stairStartHz=%.3f, stairStepHz=%.3f, stairLevels=%d, "
                        + "stairLevel=%s, stairRamp=%s, churnRateHz=%.3f, churnRequests=%d, connectP99Ms=%d, trustCert=%s, "
                        + "insecure=%b, tlsCert=%s, tlsKey=%s}",
                url == null ? "(in-process reference server)" : url, framing.label(), features, rows, outputs,
                workload.label(), users, rateHz, Durations.format(ramp), Durations.format(duration), requestsPerUser,
                Durations.format(think), Durations.format(answerTimeout), sloP99Ms, maxFailedPct, minAnswersPerSec,
                modelDir, echo, checkValues, tolerance, stairStartHz, stairStepHz, stairLevels,
                Durations.format(stairLevel), Durations.format(stairRamp), churnRateHz, churnRequests, connectP99Ms,
                trustCert, insecure, tlsCert, tlsKey);
    }

    private static URI parseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(PREFIX + "url '" + text + "' is not a URI: " + e.getMessage());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(PREFIX + "url '" + text + "' must look like ws://HOST:PORT/ws");
        }
        return uri;
    }

    private static Framing parseFraming(String text) {
        try {
            return Framing.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "framing '" + text + "' must be binary or text");
        }
    }

    /** Reads one typed, range-checked property at a time, naming the property in every error. */
    private static final class Reader {
        private final Properties props;

        Reader(Properties props) {
            this.props = props;
        }

        Path path(String key) {
            String v = text(key, "");
            return v.isEmpty() ? null : Path.of(v);
        }

        String text(String key, String dflt) {
            String v = props.getProperty(PREFIX + key);
            return v == null ? dflt : v.trim();
        }

        int intRange(String key, int dflt, int min, int max) {
            String v = text(key, Integer.toString(dflt));
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PREFIX + key + " '" + v + "' is not an integer");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(PREFIX + key + " must be " + min + ".." + max + ", not " + v);
            }
            return (int) n;
        }

        double doubleRange(String key, double dflt, double min, double max) {
            String v = text(key, Double.toString(dflt));
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PREFIX + key + " '" + v + "' is not a number");
            }
            if (!(d >= min && d <= max)) {
                throw new IllegalArgumentException(PREFIX + key + " must be " + min + ".." + max + ", not " + v);
            }
            return d;
        }

        Duration duration(String key, String dflt, boolean positive) {
            String v = text(key, dflt);
            Duration d;
            try {
                d = Durations.parse(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PREFIX + key + ": " + e.getMessage());
            }
            if (positive && d.isZero()) {
                throw new IllegalArgumentException(PREFIX + key + " must be longer than zero");
            }
            return d;
        }

        boolean bool(String key, boolean dflt) {
            String v = text(key, Boolean.toString(dflt)).toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException(PREFIX + key + " '" + v + "' must be true or false");
            }
            return Boolean.parseBoolean(v);
        }
    }
}
