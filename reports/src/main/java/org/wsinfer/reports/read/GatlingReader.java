package org.wsinfer.reports.read;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.wsinfer.reports.model.GatlingStats;
import org.wsinfer.reports.model.GatlingStats.GatlingLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        String simulation = simulationName(dir);
        Path statsJson = dir.resolve("js/stats.json");
        Path statsJs = dir.resolve("js/stats.js");
        JsonNode root = null;
        Path source = null;
        if (Files.isRegularFile(statsJson)) {
            root = Json.read(statsJson);
            source = statsJson;
        } else if (Files.isRegularFile(statsJs)) {
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

    private static JsonNode parseStatsJs(Path file) {
        String js;
        try {
            js = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file, "cannot read", e);
        }
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

    /** Reads a rendered statistics table: the one whose header names percentile columns; first row is global. */
    private static List<GatlingLine> readTable(Document doc, List<Double> levels) {
        List<GatlingLine> rows = new ArrayList<>();
        for (Element table : doc.select("table")) {
            Elements headers = table.select("thead th, tr:first-child th");
            List<String> names = new ArrayList<>();
            headers.forEach(h -> names.add(h.text().trim().toLowerCase(Locale.ROOT)));
            if (names.stream().noneMatch(n -> PCT.matcher(n).find())) {
                continue;
            }
            int last = lastIndex(names, "total");
            Columns cols = new Columns(lastIndex(names, "total"), lastIndex(names, "ok"), lastIndex(names, "ko"),
                    indexOfContaining(names, "/s"), indexOf(names, "min"), indexOf(names, "max"),
                    indexOf(names, "mean"), pctIndices(names));
            if (last < 0) {
                continue;
            }
            for (Element tr : table.select("tbody tr")) {
                Elements cells = tr.select("td, th");
                if (cells.size() < names.size()) {
                    continue;
                }
                int shift = cells.size() - names.size();
                List<Double> pct = new ArrayList<>();
                for (int i : cols.pct) {
                    pct.add(i < 0 ? Double.NaN : num(cells.get(i + shift).text()));
                }
                rows.add(new GatlingLine(cells.get(0).text().trim(), (long) zero(cell(cells, cols.total, shift)),
                        (long) zero(cell(cells, cols.ok, shift)), (long) zero(cell(cells, cols.ko, shift)),
                        cell(cells, cols.rps, shift), cell(cells, cols.min, shift), cell(cells, cols.mean, shift),
                        cell(cells, cols.max, shift), pct));
            }
            if (!rows.isEmpty()) {
                return rows;
            }
        }
        return rows;
    }

    private record Columns(int total, int ok, int ko, int rps, int min, int max, int mean, int[] pct) {
    }

    private static int[] pctIndices(List<String> names) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (PCT.matcher(names.get(i)).find()) {
                idx.add(i);
            }
        }
        return idx.stream().mapToInt(Integer::intValue).limit(4).toArray();
    }

    private static double cell(Elements cells, int i, int shift) {
        return i < 0 ? Double.NaN : num(cells.get(i + shift).text());
    }

    private static int indexOf(List<String> names, String name) {
        return names.indexOf(name);
    }

    private static int lastIndex(List<String> names, String name) {
        return names.lastIndexOf(name);
    }

    private static int indexOfContaining(List<String> names, String part) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
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
