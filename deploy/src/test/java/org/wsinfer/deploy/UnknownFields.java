package org.wsinfer.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the fields a fabric8 model object did not recognise: fabric8 keeps unknown or mistyped YAML fields in
 * {@code additionalProperties} instead of failing, so a typo such as {@code readinesProbe} would otherwise pass.
 */
final class UnknownFields {
    private final List<String> found = new ArrayList<>();
    private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private UnknownFields() {
    }

    /** The paths ({@code spec.template.spec.containers[0].readinesProbe}) of every unrecognised field under root. */
    static List<String> in(Object root) {
        UnknownFields scan = new UnknownFields();
        scan.walk(root, "");
        return scan.found;
    }

    private void walk(Object value, String path) {
        if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || !visited.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), path + "[" + e.getKey() + "]");
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : value.getClass().getMethods()) {
            if (!isGetter(m)) {
                continue;
            }
            Object child = invoke(m, value, path);
            String name = propertyName(m);
            if (name.equals("additionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    for (Object key : extra.keySet()) {
                        found.add(join(path, String.valueOf(key)));
                    }
                }
            } else {
                walk(child, join(path, name));
            }
        }
    }

    private static boolean isGetter(Method m) {
        return m.getParameterCount() == 0
                && !Modifier.isStatic(m.getModifiers())
                && !m.getDeclaringClass().isInterface()
                && m.getDeclaringClass().getName().startsWith("io.fabric8.")
                && (m.getName().startsWith("get") && m.getName().length() > 3
                || m.getName().startsWith("is") && m.getName().length() > 2);
    }

    private static Object invoke(Method m, Object target, String path) {
        try {
            return m.invoke(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new AssertionError("reading " + join(path, propertyName(m)) + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static String propertyName(Method m) {
        String n = m.getName().startsWith("is") ? m.getName().substring(2) : m.getName().substring(3);
        return Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
