package org.wsinfer.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code java -jar wsinfer-<tool>.jar ...} command lines of a Markdown guide's {@code sh} blocks, continuation
 * lines joined and shell variables replaced by example values, as argument lists after the jar.
 */
final class GuideCommands {
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern JAVA_JAR = Pattern.compile("java -jar (\\S+/)?wsinfer-(server|loadtest|reports)\\.jar"
            + "\\s+(.*)");

    /** One command line: the tool ({@code server}, {@code loadtest}, {@code reports}) and its arguments. */
    record Command(String tool, List<String> args) {
    }

    private GuideCommands() {
    }

    /** Every {@code java -jar} command of the guide's {@code sh} blocks, {@code variables} substituted in order. */
    static List<Command> in(String markdown, Map<String, String> variables) {
        List<Command> out = new ArrayList<>();
        Matcher block = SH_BLOCK.matcher(markdown);
        while (block.find()) {
            String joined = block.group(1).replaceAll("\\\\\\n\\s*", " ");
            for (String line : joined.split("\\n")) {
                String code = line.replaceAll("\\s+#.*$", "");
                for (Map.Entry<String, String> v : variables.entrySet()) {
                    code = code.replace(v.getKey(), v.getValue());
                }
                Matcher m = JAVA_JAR.matcher(code.strip());
                if (m.find()) {
                    String rest = m.group(3).split("[;&|]")[0].strip();
                    if (rest.contains("$")) {
                        throw new AssertionError("unsubstituted shell variable in: " + line);
                    }
                    out.add(new Command(m.group(2), List.of(rest.split("\\s+"))));
                }
            }
        }
        return out;
    }
}
