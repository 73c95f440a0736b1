package org.wsinfer.reports.read;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.wsinfer.reports.model.GatlingStats;
import org.wsinfer.reports.model.GatlingStats.GatlingLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the figures of a Gatling HTML report folder: {@code js/stats.json} or {@code js/stats.js} when present
 * (Gatling up to 3.13), else the statistics table of {@code index.html} (Gatling 3.14+ renders it into the page).
 */
public final class GatlingReader {

    private static final Pattern PCT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:st|nd|rd|th)\\s*pct",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COL = Pattern.compile("col-(\\d+)");
    private static final List<Double> DEFAULT_LEVELS = List.of(50.0, 75.0, 95.0, 99.0);

    private GatlingReader() {
    }

    /** True when the folder looks like a Gatling report: an index.html beside a js/ folder. */
    public static boolean isReport(Path dir) {
        return Files.isRegularFile(dir.resolve("index.html")) && Files.isDirectory(dir.resolve("js"));
    }

    /** Reads the report in {@code dir}. */
    public static GatlingStats read(Path dir) {
        Path index = dir.resolve("index.html");
        Document doc = parseHtml(index);
        List<Double> levels = percentileLevels(doc);
        Element tab = doc.selectFirst(".onglet");
        String simulation = tab != null && !tab.text().isBlank() ? tab.text().trim() : simulationName(dir);
        Path statsJson = dir.resolve("js/stats.json");
        Path statsJs = dir.resolve("js/stats.js");
        JsonNode root = null;
        Path source = null;
        if (Files.isRegularFile(statsJson)) {
            root = Json.read(statsJson);
            source = statsJson;
        } else if (Files.isRegularFile(statsJs) && readString(statsJs).contains("var stats")) {
            root = parseStatsJs(statsJs);
            source = statsJs;
        }
        if (root != null && root.path("stats").isObject()) {
            GatlingLine global = line(root.path("stats"), levels);
            List<GatlingLine> requests = new ArrayList<>();
            collectRequests(root.path("contents"), levels, requests);
            return new GatlingStats(dir, simulation, levels, global, requests);
        }
        List<GatlingLine> rows = readTable(doc, levels);
        if (rows.isEmpty()) {
            throw new InputException(source != null ? source : index,
                    "no Gatling statistics found (neither js/stats.json, js/stats.js nor a statistics table)");
        }
        return new GatlingStats(dir, simulation, levels, rows.get(0), rows.subList(1, rows.size()));
    }

    private static Document parseHtml(Path index) {
        try {
            return Jsoup.parse(index.toFile(), StandardCharsets.UTF_8.name());
        } catch (IOException e) {
            throw new InputException(index, "cannot read", e);
        }
    }

    /** The percentile levels of Gatling's columns ("50th pct" ...), in page order; Gatling's defaults if absent. */
    static List<Double> percentileLevels(Document doc) {
        List<Double> levels = new ArrayList<>();
        for (Element th : doc.select("th, .header, span")) {
            Matcher m = PCT.matcher(th.ownText());
            if (m.find()) {
                double level = Double.parseDouble(m.group(1));
                if (!levels.contains(level)) {
                    levels.add(level);
                }
            }
        }
        return levels.size() >= 4 ? levels.subList(0, 4) : DEFAULT_LEVELS;
    }

    private static String simulationName(Path dir) {
        String name = dir.getFileName().toString();
        return name.replaceFirst("-\\d{8,}$", "");
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file, "cannot read", e);
        }
    }

    private static JsonNode parseStatsJs(Path file) {
        String js = readString(file);
        int var = js.indexOf("var stats");
        int open = js.indexOf('{', var < 0 ? 0 : var);
        if (open < 0) {
            throw new InputException(file, "no 'var stats = {...}' object");
        }
        int close = matchingBrace(js, open);
        if (close < 0) {
            throw new InputException(file, "unterminated 'var stats' object");
        }
        try {
            return Json.LENIENT.readTree(js.substring(open, close + 1));
        } catch (IOException e) {
            throw new InputException(file, "cannot parse 'var stats' object: " + e.getMessage(), e);
        }
    }

    private static int matchingBrace(String s, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static void collectRequests(JsonNode contents, List<Double> levels, List<GatlingLine> out) {
        contents.elements().forEachRemaining(node -> {
            if ("REQUEST".equalsIgnoreCase(node.path("type").asText()) && node.path("stats").isObject()) {
                out.add(line(node.path("stats"), levels));
            }
            collectRequests(node.path("contents"), levels, out);
        });
    }

    private static GatlingLine line(JsonNode s, List<Double> levels) {
        List<Double> pct = new ArrayList<>();
        for (int i = 1; i <= levels.size(); i++) {
            pct.add(num(s.path("percentiles" + i).path("total")));
        }
        return new GatlingLine(s.path("name").asText(""), (long) zero(num(s.path("numberOfRequests").path("total"))),
                (long) zero(num(s.path("numberOfRequests").path("ok"))),
                (long) zero(num(s.path("numberOfRequests").path("ko"))),
                num(s.path("meanNumberOfRequestsPerSecond").path("total")), num(s.path("minResponseTime").path("total")),
                num(s.path("meanResponseTime").path("total")), num(s.path("maxResponseTime").path("total")), pct);
    }

    /**
     * Reads the statistics table that Gatling 3.14+ renders into index.html: header cells {@code th#col-N} name the
     * columns, data cells carry the class {@code col-N}; the first row (ROOT, "All Requests") is the global line.
     */
    private static List<GatlingLine> readTable(Document doc, List<Double> levels) {
        Map<Integer, String> header = new TreeMap<>();
        for (Element th : doc.select("th[id]")) {
            Matcher m = COL.matcher(th.id());
            if (m.matches()) {
                header.put(Integer.parseInt(m.group(1)), th.text().trim().toLowerCase(Locale.ROOT));
            }
        }
        List<GatlingLine> rows = new ArrayList<>();
        if (header.isEmpty()) {
            return rows;
        }
        List<Integer> pctCols = new ArrayList<>();
        header.forEach((col, name) -> {
            if (PCT.matcher(name).find()) {
                pctCols.add(col);
            }
        });
        for (Element tr : doc.select("tr")) {
            Element nameCell = tr.selectFirst("td.col-1");
            if (nameCell == null) {
                continue;
            }
            Element label = nameCell.selectFirst(".ellipsed-name");
            String name = label != null ? label.text().trim() : nameCell.ownText().trim();
            Map<String, Double> values = new LinkedHashMap<>();
            List<Double> pct = new ArrayList<>();
            header.forEach((col, h) -> {
                Element td = tr.selectFirst("td.col-" + col);
                double v = td == null ? Double.NaN : num(td.ownText());
                values.put(h, v);
                if (pctCols.contains(col)) {
                    pct.add(v);
                }
            });
            if (!values.containsKey("total")) {
                continue;
            }
            rows.add(new GatlingLine(name, (long) zero(values.getOrDefault("total", Double.NaN)),
                    (long) zero(values.getOrDefault("ok", Double.NaN)),
                    (long) zero(values.getOrDefault("ko", Double.NaN)), values.getOrDefault("cnt/s", Double.NaN),
                    values.getOrDefault("min", Double.NaN), values.getOrDefault("mean", Double.NaN),
                    values.getOrDefault("max", Double.NaN), pct.subList(0, Math.min(pct.size(), levels.size()))));
        }
        return rows;
    }

    private static double num(JsonNode n) {
        return n.isNumber() ? n.asDouble() : num(n.asText(""));
    }

    private static double num(String s) {
        String t = s.trim().replace(",", "").replace("%", "");
        if (t.isEmpty() || "-".equals(t)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double zero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
