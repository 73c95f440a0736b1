package org.wsinfer.microbench.summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The same benchmarks run under several settings (e.g. OMP_NUM_THREADS, nopointergc): medians and ratios. */
final class SettingsComparison {
    private SettingsComparison() {
    }

    /** {@code runs}: label to records, the first label is the baseline of the ratios. */
    static String markdown(LinkedHashMap<String, List<JmhRecord>> runs) {
        if (runs.isEmpty()) {
            return "";
        }
        List<String> labels = new ArrayList<>(runs.keySet());
        String baseline = labels.get(0);
        StringBuilder sb = new StringBuilder("## Native settings (median ns per call; ratio to ")
                .append(baseline).append(")\n\n| benchmark | params |");
        for (String label : labels) {
            sb.append(' ').append(label).append(" |");
        }
        sb.append("\n|---|---|");
        labels.forEach(x -> sb.append("---:|"));
        sb.append('\n');
        for (JmhRecord base : runs.get(baseline)) {
            sb.append("| ").append(base.benchmark()).append(" | ").append(params(base.params())).append(" |");
            for (String label : labels) {
                JmhRecord other = runs.get(label).stream()
                        .filter(r -> r.benchmark().equals(base.benchmark()) && r.params().equals(base.params()))
                        .findFirst().orElse(null);
                if (other == null) {
                    sb.append(" - |");
                } else if (label.equals(baseline)) {
                    sb.append(' ').append(Fmt.ns(other.medianNs())).append(" |");
                } else {
                    sb.append(' ').append(Fmt.ns(other.medianNs())).append(" (")
                            .append(Fmt.ratio(other.medianNs() / base.medianNs())).append("x) |");
                }
            }
            sb.append('\n');
        }
        return sb.append('\n').toString();
    }

    private static String params(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
