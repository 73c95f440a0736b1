package org.wsinfer.loadtest.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing the server's Prometheus text and the CPU-per-request figure between two scrapes. */
class ServerCpuTest {
    private static String scrape(String cpu, long binaryOk, long textError) {
        return "# HELP wsinfer_process_cpu_seconds_total CPU time used by the server process\n"
                + "# TYPE wsinfer_process_cpu_seconds_total counter\n"
                + "wsinfer_process_cpu_seconds_total " + cpu + "\n"
                + "# HELP wsinfer_requests_total Requests answered, by framing and outcome\n"
                + "# TYPE wsinfer_requests_total counter\n"
                + "wsinfer_requests_total{framing=\"binary\",outcome=\"ok\",} " + binaryOk + ".0\n"
                + "wsinfer_requests_total{framing=\"binary\",outcome=\"error\",} 0.0\n"
                + "wsinfer_requests_total{framing=\"text\",outcome=\"error\",} " + textError + ".0 1700000000000\n"
                + "wsinfer_requests_total_created{framing=\"text\"} 99.0\n"
                + "wsinfer_process_cpu_seconds_total_extra 1000.0\n"
                + "process_cpu_time_ns_total 5.0E9\n";
    }

    @Test
    void parsesTheCpuCounterAndSumsEveryRequestsSeries() {
        ServerCpu.Sample s = ServerCpu.parse(scrape("12.5", 1000, 3));
        assertEquals(12.5, s.cpuSeconds(), 1e-12);
        assertEquals(1003.0, s.requests(), 1e-12, "every framing and outcome, timestamp ignored");
        assertTrue(s.complete());
        assertEquals(1.5e-3, ServerCpu.parse("wsinfer_process_cpu_seconds_total 1.5E-3\n").cpuSeconds(), 1e-15);
    }

    @Test
    void cpuPerRequestIsTheDeltaOfCpuOverTheDeltaOfRequests() {
        ServerCpu c = ServerCpu.between(ServerCpu.parse(scrape("10.0", 1000, 0)),
                ServerCpu.parse(scrape("10.5", 11000, 0)));
        assertEquals(0.5, c.cpuSeconds(), 1e-9);
        assertEquals(10000, c.requests());
        assertEquals(50.0, c.cpuUsPerRequest(), 1e-6);
        Map<String, Object> m = c.toMap();
        assertEquals(50.0, (Double) m.get("cpuUsPerRequest"), 1e-9);
        assertEquals(10000L, m.get("requests"));
    }

    @Test
    void missingMetricsGiveNoFigure() {
        ServerCpu.Sample none = ServerCpu.parse("# nothing here\nhttp_requests_total 5\n\n");
        assertNull(none.cpuSeconds());
        assertNull(none.requests());
        assertNull(ServerCpu.between(none, none));
        ServerCpu.Sample cpuOnly = ServerCpu.parse("wsinfer_process_cpu_seconds_total 3\n");
        assertNull(ServerCpu.between(cpuOnly, cpuOnly), "no requests counter");
        assertNull(ServerCpu.between(null, cpuOnly));
        assertNull(ServerCpu.parse("wsinfer_process_cpu_seconds_total NaN\n").cpuSeconds());
        assertNull(ServerCpu.parse("wsinfer_process_cpu_seconds_total oops\n").cpuSeconds());
    }

    @Test
    void aRestartedServerOrNoAnswersGiveNoPerRequestFigure() {
        assertNull(ServerCpu.between(ServerCpu.parse(scrape("10.0", 500, 0)), ServerCpu.parse(scrape("1.0", 600, 0))),
                "counter went backwards");
        ServerCpu idle = ServerCpu.between(ServerCpu.parse(scrape("1.0", 5, 0)), ServerCpu.parse(scrape("1.25", 5, 0)));
        assertEquals(0, idle.requests());
        assertNull(idle.toMap().get("cpuUsPerRequest"), "no request answered: null, not infinity");
        assertEquals(0.25, (Double) idle.toMap().get("cpuSeconds"), 1e-9);
    }
}
