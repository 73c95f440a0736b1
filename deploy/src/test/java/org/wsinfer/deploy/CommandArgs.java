package org.wsinfer.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A container's argument list read as picocli reads it: {@code --name value} or {@code --name=value}. */
final class CommandArgs {
    /** A Kubernetes {@code $(VAR)} reference; {@code $$(VAR)} is an escaped literal. */
    private static final Pattern VAR_REF = Pattern.compile("(?<!\\$)\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final List<String> args;

    CommandArgs(List<String> args) {
        this.args = args == null ? List.of() : List.copyOf(args);
    }

    /** The argument at {@code index}, or null. */
    String at(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /** The value of {@code option}; fails when it is given twice or has no value. */
    Optional<String> value(String option) {
        String found = null;
        int count = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(option)) {
                if (i + 1 >= args.size()) {
                    throw new AssertionError(option + " has no value in " + args);
                }
                found = args.get(i + 1);
                count++;
            } else if (a.startsWith(option + "=")) {
                found = a.substring(option.length() + 1);
                count++;
            }
        }
        if (count > 1) {
            throw new AssertionError(option + " is given " + count + " times in " + args);
        }
        return Optional.ofNullable(found);
    }

    /** The value of {@code option}, which must be there. */
    String require(String option) {
        return value(option).orElseThrow(() -> new AssertionError("missing " + option + " in " + args));
    }

    /** Every variable name referenced as {@code $(NAME)} in any argument. */
    List<String> variableReferences() {
        List<String> names = new ArrayList<>();
        for (String a : args) {
            Matcher m = VAR_REF.matcher(a);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return args.toString();
    }
}
