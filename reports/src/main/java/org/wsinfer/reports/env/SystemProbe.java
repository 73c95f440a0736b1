package org.wsinfer.reports.env;

import java.util.List;
import java.util.Optional;

/** Where environment facts come from: files such as /proc/cpuinfo, commands such as git, and system properties. */
public interface SystemProbe {

    /** The content of a file, empty when it cannot be read. */
    Optional<String> readFile(String path);

    /** The trimmed standard output of a command that exited 0, empty otherwise. */
    Optional<String> run(List<String> command);

    /** A system property, or the default. */
    String property(String name, String dflt);

    /** The JVM's input arguments (flags). */
    List<String> jvmArgs();

    /** The number of processors the JVM sees. */
    int availableProcessors();

    /** The host name, empty when unknown. */
    String hostname();
}
