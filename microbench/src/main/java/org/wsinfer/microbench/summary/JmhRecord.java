package org.wsinfer.microbench.summary;

import java.util.Arrays;
import java.util.Map;

/**
 * One benchmark x parameter combination of a JMH JSON file: the medians of its per-iteration values.
 *
 * @param benchmark   the short name, {@code Class.method}
 * @param params      the parameters, by name
 * @param medianNs    median of the measurement iterations of every fork, ns/op
 * @param iterations  how many measurement iterations the median is over
 * @param secondaries medians of the secondary results (e.g. {@code messageBytes}, {@code gc.alloc.rate.norm})
 * @param jvmArgs     the forked JVM's arguments
 * @param rawNs       every measurement iteration of every fork, ns/op
 */
public record JmhRecord(String benchmark, Map<String, String> params, double medianNs, int iterations,
                        Map<String, Double> secondaries, java.util.List<String> jvmArgs, double[] rawNs) {

    /** Whether {@code other} is the same benchmark with the same parameters. */
    public boolean sameCase(JmhRecord other) {
        return benchmark.equals(other.benchmark) && params.equals(other.params);
    }

    /** This record and {@code other} (the same case) as one: the median over both records' iterations. */
    public JmhRecord pooledWith(JmhRecord other) {
        double[] all = Arrays.copyOf(rawNs, rawNs.length + other.rawNs.length);
        System.arraycopy(other.rawNs, 0, all, rawNs.length, other.rawNs.length);
        return new JmhRecord(benchmark, params, median(all), all.length, secondaries, jvmArgs, all);
    }

    /** The class part of {@link #benchmark()}. */
    public String className() {
        return benchmark.substring(0, benchmark.indexOf('.'));
    }

    /** The method part of {@link #benchmark()}. */
    public String method() {
        return benchmark.substring(benchmark.indexOf('.') + 1);
    }

    /** An integer parameter; -1 when absent. */
    public int intParam(String name) {
        String v = params.get(name);
        return v == null ? -1 : Integer.parseInt(v);
    }

    /** A secondary result's median, NaN when absent. */
    public double secondary(String name) {
        Double v = secondaries.get(name);
        return v == null ? Double.NaN : v;
    }

    /** The median of {@code values} (NaN when empty). */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
