package org.wsinfer.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The instructions of a Containerfile (continuation lines joined, comments dropped), enough to check what it copies. */
final class Containerfile {
    /** One instruction: its keyword (upper case) and the rest of the line. */
    record Instruction(String keyword, String arguments) {
    }

    /** One {@code COPY}: the stage it copies from (null: the build context), its sources and its destination. */
    record Copy(String fromStage, List<String> sources, String destination) {
    }

    private final List<Instruction> instructions;

    private Containerfile(List<Instruction> instructions) {
        this.instructions = List.copyOf(instructions);
    }

    /** Parses the text of a Containerfile. */
    static Containerfile parse(String text) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : text.split("\\R", -1)) {
            String line = raw.strip();
            if (pending.length() == 0 && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (pending.length() > 0 && line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String whole = pending.toString().strip();
            pending.setLength(0);
            if (whole.isEmpty()) {
                continue;
            }
            int space = whole.indexOf(' ');
            String keyword = (space < 0 ? whole : whole.substring(0, space)).toUpperCase(Locale.ROOT);
            out.add(new Instruction(keyword, space < 0 ? "" : whole.substring(space + 1).strip()));
        }
        return new Containerfile(out);
    }

    /** Every instruction with this keyword, in order. */
    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The last instruction with this keyword (the one in force in the final stage), or null. */
    Instruction last(String keyword) {
        List<Instruction> found = all(keyword);
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    /** The instructions of the final stage (after the last {@code FROM}). */
    Containerfile finalStage() {
        int start = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                start = i;
            }
        }
        return new Containerfile(instructions.subList(start, instructions.size()));
    }

    /** Every {@code COPY} (shell form: {@code COPY [--from=stage] [--chown=..] src... dest}). */
    List<Copy> copies() {
        List<Copy> out = new ArrayList<>();
        for (Instruction i : all("COPY")) {
            String from = null;
            List<String> words = new ArrayList<>();
            for (String w : i.arguments().split("\\s+")) {
                if (w.startsWith("--from=")) {
                    from = w.substring("--from=".length());
                } else if (!w.startsWith("--")) {
                    words.add(w);
                }
            }
            if (words.size() < 2) {
                throw new AssertionError("COPY without source and destination: " + i.arguments());
            }
            out.add(new Copy(from, List.copyOf(words.subList(0, words.size() - 1)), words.get(words.size() - 1)));
        }
        return out;
    }
}
