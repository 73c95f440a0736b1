package org.wsinfer.reports.env;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.wsinfer.reports.read.Json;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Collects {@code env.json} (schema {@code wsinfer.env/1}): JVM and flags, CPU model and count from /proc/cpuinfo,
 * memory from /proc/meminfo, OS and kernel, git commit and dirty flag (null outside a checkout), the configuration.
 */
public final class EnvCollector {

    private final SystemProbe probe;
    private final Clock clock;

    public EnvCollector(SystemProbe probe, Clock clock) {
        this.probe = probe;
        this.clock = clock;
    }

    /** The env.json tree. */
    public ObjectNode collect(EnvConfig config) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("schema", "wsinfer.env/1");
        o.put("createdAt", clock.instant().toString());
        o.put("profile", config.profile());
        Optional<String> commit = probe.run(List.of("git", "rev-parse", "HEAD"));
        if (commit.isPresent() && commit.get().matches("[0-9a-f]{7,64}")) {
            o.put("gitCommit", commit.get());
            Optional<String> status = probe.run(List.of("git", "status", "--porcelain"));
            if (status.isPresent()) {
                o.put("gitDirty", !status.get().isEmpty());
            } else {
                o.putNull("gitDirty");
            }
        } else {
            o.putNull("gitCommit");
            o.putNull("gitDirty");
        }
        o.put("javaVersion", probe.property("java.version", ""));
        o.put("javaVm", probe.property("java.vm.name", ""));
        o.put("javaVendor", probe.property("java.vendor", ""));
        ArrayNode args = o.putArray("jvmArgs");
        probe.jvmArgs().forEach(args::add);
        o.put("availableProcessors", probe.availableProcessors());
        String cpuinfo = probe.readFile("/proc/cpuinfo").orElse("");
        o.put("cpuModel", cpuModel(cpuinfo));
        o.put("cpuCount", cpuCount(cpuinfo, probe.availableProcessors()));
        o.put("memoryBytes", memTotalBytes(probe.readFile("/proc/meminfo").orElse("")));
        o.put("osName", probe.property("os.name", ""));
        o.put("osVersion", probe.property("os.version", ""));
        o.put("osArch", probe.property("os.arch", ""));
        o.put("kernel", probe.run(List.of("uname", "-r")).orElse(probe.property("os.version", "")));
        o.put("hostname", probe.hostname());
        o.set("configuration", config.configuration().deepCopy());
        return o;
    }

    /** The first "model name" of /proc/cpuinfo, empty when absent. */
    static String cpuModel(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    /** The number of "processor" entries of /proc/cpuinfo, or the fallback when there are none. */
    static int cpuCount(String cpuinfo, int fallback) {
        int n = 0;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("processor")) {
                n++;
            }
        }
        return n == 0 ? fallback : n;
    }

    /** MemTotal of /proc/meminfo in bytes, 0 when absent. */
    static long memTotalBytes(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
                try {
                    long v = Long.parseLong(parts[0]);
                    return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? v * 1024 : v;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
