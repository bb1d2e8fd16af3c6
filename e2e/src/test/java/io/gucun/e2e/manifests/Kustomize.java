package io.gucun.e2e.manifests;

import static io.gucun.e2e.manifests.Yamls.at;
import static io.gucun.e2e.manifests.Yamls.list;
import static io.gucun.e2e.manifests.Yamls.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of kustomize these manifests use, enough to check an overlay without the binary: {@code resources}
 * (files and directories with a kustomization), {@code namespace}, {@code images}, {@code replicas},
 * {@code patches} by path (strategic merge: maps merge, lists of named items merge by name, other values
 * replace), and {@code secretGenerator}/{@code configMapGenerator} literals. Anything else in a kustomization is
 * refused, so a feature the check does not understand cannot pass unnoticed. Where {@code kustomize} or
 * {@code kubectl} is installed the test also compares this with the real build.
 */
final class Kustomize {

    private static final Set<String> UNDERSTOOD = Set.of("apiVersion", "kind", "resources", "namespace", "images",
            "replicas", "patches", "secretGenerator", "configMapGenerator", "generatorOptions", "labels");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomize() {
    }

    /** Thrown for a kustomization that kustomize itself would refuse (missing file, patch without target, ...). */
    static final class BuildException extends RuntimeException {
        BuildException(String message) {
            super(message);
        }
    }

    static List<Map<String, Object>> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new BuildException(dir + " has no kustomization.yaml");
        }
        Map<String, Object> k = Yamls.single(file);
        for (String key : k.keySet()) {
            if (!UNDERSTOOD.contains(key)) {
                throw new BuildException(file + ": '" + key + "' is not understood by this check; extend Kustomize");
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object r : (List<?>) k.getOrDefault("resources", List.of())) {
            Path p = dir.resolve(String.valueOf(r)).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(build(p));
            } else if (Files.isRegularFile(p)) {
                out.addAll(Yamls.documents(p));
            } else {
                throw new BuildException(file + ": resource " + r + " does not exist");
            }
        }
        boolean hashSuffix = !Boolean.TRUE.equals(at(k, "generatorOptions", "disableNameSuffixHash"));
        for (String kind : List.of("secretGenerator", "configMapGenerator")) {
            for (Map<String, Object> g : list(k, kind)) {
                if (hashSuffix) {
                    throw new BuildException(file + ": generated names with a hash suffix are not followed by this check;"
                            + " set generatorOptions.disableNameSuffixHash");
                }
                out.add(generated(kind.equals("secretGenerator") ? "Secret" : "ConfigMap", g, file));
            }
        }
        for (Map<String, Object> patch : list(k, "patches")) {
            Object path = patch.get("path");
            if (path == null || patch.containsKey("target") || patch.containsKey("patch")) {
                throw new BuildException(file + ": only patches by path (strategic merge) are understood: " + patch);
            }
            Path p = dir.resolve((String) path);
            if (!Files.isRegularFile(p)) {
                throw new BuildException(file + ": patch " + path + " does not exist");
            }
            for (Map<String, Object> doc : Yamls.documents(p)) {
                Map<String, Object> target = find(out, (String) doc.get("kind"), at(doc, "metadata", "name"));
                if (target == null) {
                    throw new BuildException(p + ": patch target " + doc.get("kind") + "/" + at(doc, "metadata", "name")
                            + " is not among the resources");
                }
                merge(target, doc);
            }
        }
        String namespace = (String) k.get("namespace");
        if (namespace != null) {
            for (Map<String, Object> r : out) {
                if (!CLUSTER_SCOPED.contains(r.get("kind"))) {
                    metadata(r).put("namespace", namespace);
                }
            }
        }
        for (Map<String, Object> image : list(k, "images")) {
            int used = 0;
            for (Map<String, Object> container : containers(out)) {
                String ref = (String) container.get("image");
                String name = ref.contains(":") ? ref.substring(0, ref.lastIndexOf(':')) : ref;
                if (name.equals(image.get("name"))) {
                    String newName = (String) image.getOrDefault("newName", name);
                    String tag = String.valueOf(image.getOrDefault("newTag", ref.contains(":") ? ref.substring(ref.lastIndexOf(':') + 1) : "latest"));
                    container.put("image", newName + ":" + tag);
                    used++;
                }
            }
            if (used == 0) {
                throw new BuildException(file + ": image " + image.get("name") + " is used by no container");
            }
        }
        for (Map<String, Object> replicas : list(k, "replicas")) {
            Map<String, Object> target = find(out, "Deployment", (String) replicas.get("name"));
            if (target == null) {
                throw new BuildException(file + ": replicas for unknown Deployment " + replicas.get("name"));
            }
            map(target, "spec").put("replicas", replicas.get("count"));
        }
        return out;
    }

    static Map<String, Object> find(List<Map<String, Object>> resources, String kind, String name) {
        return resources.stream().filter(r -> kind.equals(r.get("kind")) && name.equals(at(r, "metadata", "name")))
                .findFirst().orElse(null);
    }

    static List<Map<String, Object>> containers(List<Map<String, Object>> resources) {
        List<Map<String, Object>> out = new ArrayList<>();
        resources.stream().filter(r -> "Deployment".equals(r.get("kind")))
                .forEach(d -> out.addAll(list(d, "spec", "template", "spec", "containers")));
        return out;
    }

    private static Map<String, Object> generated(String kind, Map<String, Object> generator, Path file) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Object literal : (List<?>) generator.getOrDefault("literals", List.of())) {
            String s = String.valueOf(literal);
            int eq = s.indexOf('=');
            if (eq < 1) {
                throw new BuildException(file + ": literal without key=value: " + s);
            }
            String value = s.substring(eq + 1);
            data.put(s.substring(0, eq), kind.equals("Secret")
                    ? Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) : value);
        }
        if (generator.containsKey("files") || generator.containsKey("envs")) {
            throw new BuildException(file + ": only literals are understood in generators");
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("apiVersion", "v1");
        r.put("kind", kind);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", generator.get("name"));
        r.put("metadata", meta);
        if (kind.equals("Secret")) {
            r.put("type", "Opaque");
        }
        r.put("data", data);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> r) {
        return (Map<String, Object>) r.computeIfAbsent("metadata", x -> new LinkedHashMap<>());
    }

    /** Strategic merge, as far as these manifests need it. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            Object existing = target.get(key);
            if (value instanceof Map<?, ?> pm && existing instanceof Map<?, ?> em) {
                merge((Map<String, Object>) em, (Map<String, Object>) pm);
            } else if (value instanceof List<?> pl && existing instanceof List<?> el && named(pl) && named(el)) {
                List<Object> merged = new ArrayList<>((List<Object>) el);
                for (Object item : pl) {
                    Map<String, Object> pi = (Map<String, Object>) item;
                    Map<String, Object> match = merged.stream().map(o -> (Map<String, Object>) o)
                            .filter(o -> pi.get("name").equals(o.get("name"))).findFirst().orElse(null);
                    if (match == null) {
                        merged.add(Yamls.copy(pi));
                    } else {
                        merge(match, pi);
                    }
                }
                target.put(key, merged);
            } else {
                target.put(key, Yamls.copy(value));
            }
        });
    }

    private static boolean named(List<?> l) {
        return !l.isEmpty() && l.stream().allMatch(o -> o instanceof Map<?, ?> m && m.get("name") instanceof String);
    }
}
