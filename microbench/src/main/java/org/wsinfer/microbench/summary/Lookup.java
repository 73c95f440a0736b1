package org.wsinfer.microbench.summary;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Finds records of one benchmark class by method and parameters. */
final class Lookup {
    private final List<JmhRecord> records;

    /** The records of {@code className} among {@code all}. */
    Lookup(List<JmhRecord> all, String className) {
        this.records = all.stream().filter(r -> r.className().equals(className)).toList();
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    /** The record of {@code method} whose parameters include every entry of {@code params}. */
    Optional<JmhRecord> find(String method, Map<String, Integer> params) {
        return records.stream().filter(r -> r.method().equals(method))
                .filter(r -> params.entrySet().stream().allMatch(e -> e.getValue() == r.intParam(e.getKey())))
                .findFirst();
    }

    /** Median ns/op of {@code method} at {@code params}; NaN when it was not run. */
    double ns(String method, Map<String, Integer> params) {
        return find(method, params).map(JmhRecord::medianNs).orElse(Double.NaN);
    }

    /** The distinct values of an integer parameter, ascending. */
    TreeSet<Integer> values(String param) {
        TreeSet<Integer> out = new TreeSet<>();
        for (JmhRecord r : records) {
            int v = r.intParam(param);
            if (v >= 0) {
                out.add(v);
            }
        }
        return out;
    }
}
