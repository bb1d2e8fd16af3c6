package io.gucun.e2e.manifests;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML documents as plain maps and lists (SnakeYAML, safe constructor; merge keys resolved as compose does). */
final class Yamls {

    private Yamls() {
    }

    static List<Map<String, Object>> documents(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return documents(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Reader r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(r)) {
            if (doc == null) {
                continue;
            }
            if (!(doc instanceof Map)) {
                throw new IllegalStateException("a document is not a mapping: " + doc);
            }
            out.add((Map<String, Object>) doc);
        }
        return out;
    }

    static Map<String, Object> single(Path file) {
        List<Map<String, Object>> docs = documents(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(file + " should hold one document, not " + docs.size());
        }
        return docs.getFirst();
    }

    /** The value at a path of keys (and list indexes), or null. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object node, Object... path) {
        Object cur = node;
        for (Object step : path) {
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(step);
            } else if (cur instanceof List<?> l && step instanceof Integer i) {
                cur = i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
        }
        return (T) cur;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object node, Object... path) {
        Object v = at(node, path);
        return v instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, Object... path) {
        Object v = at(node, path);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A deep, mutable copy (for tests that break a manifest in memory). */
    @SuppressWarnings("unchecked")
    static <T> T copy(T node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, copy(v)));
            return (T) out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return node;
    }
}
