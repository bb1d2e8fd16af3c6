package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lines of {@code authorization-matrix.tsv}: per operation, who may call it, an in-scope caller and a sample request
 * on {@link MatrixFixtures} data. The authorization matrix runs them; the hostile-input fuzzer starts from the samples.
 */
final class MatrixLines {

    private MatrixLines() {
    }

    /** One line of the matrix file. */
    record Line(int number, String service, String operationId, Set<String> roles, String scope, String caller,
                String method, String target, String body, String expect, List<OutOfScope> outOfScope,
                Map<String, String> captures) {
        String key() {
            return service + " " + operationId;
        }

        boolean isPublic() {
            return scope.equals("public");
        }
    }

    /** Case (c): who calls, what it must get, and optionally another target (e.g. another member's resource). */
    record OutOfScope(String caller, Set<Integer> statuses, String target) {
    }

    /** A line's request with its fixture values filled in: {@code csv:} bodies become text/csv. */
    record Sample(String method, String path, String contentType, String body) {
    }

    static List<Line> load() throws IOException {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = MatrixLines.class.getResourceAsStream("/authorization-matrix.tsv")) {
            assertThat(in).as("authorization-matrix.tsv on the test class path").isNotNull();
            String[] all = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < all.length; i++) {
                String raw = all[i];
                if (raw.isBlank() || raw.startsWith("#")) {
                    continue;
                }
                String[] f = raw.split("\t");
                assertThat(f.length).as("line %d has 10 tab-separated fields: %s", i + 1, raw).isEqualTo(10);
                String[] request = f[5].split(" ", 2);
                lines.add(new Line(i + 1, f[0], f[1], roles(f[2]), f[3], f[4], request[0], request[1],
                        f[6].equals("-") ? null : f[6], f[7], outOfScope(f[8]), captures(f[9])));
            }
        }
        return lines;
    }

    /** The line's request to {@code target} (its own or an out-of-scope one), fixture values filled in. */
    static Sample sample(Line line, MatrixFixtures fixtures, String target) {
        String path = "/api/" + line.service() + fixtures.expand(target);
        String body = line.body() == null ? null : fixtures.expand(line.body());
        String contentType = null;
        if (body != null) {
            if (body.startsWith("csv:")) {
                contentType = "text/csv";
                body = body.substring(4).replace("\\n", "\n");
            } else {
                contentType = "application/json";
            }
        }
        return new Sample(line.method(), path, contentType, body);
    }

    private static Set<String> roles(String field) {
        return field.equals("-") ? Set.of() : new LinkedHashSet<>(List.of(field.split(",")));
    }

    /** {@code officer.beijing=404} or {@code worker.li=403|404@/members/${otherMember}}, separated by {@code ;}. */
    private static List<OutOfScope> outOfScope(String field) {
        List<OutOfScope> result = new ArrayList<>();
        if (field.equals("-")) {
            return result;
        }
        for (String part : field.split(";")) {
            String p = part.trim();
            String target = null;
            int at = p.indexOf('@');
            if (at > 0) {
                target = p.substring(at + 1);
                p = p.substring(0, at);
            }
            String[] cs = p.split("=");
            Set<Integer> statuses = new LinkedHashSet<>();
            for (String s : cs[1].split("\\|")) {
                statuses.add(Integer.parseInt(s));
            }
            result.add(new OutOfScope(cs[0], statuses, target));
        }
        return result;
    }

    private static Map<String, String> captures(String field) {
        Map<String, String> result = new LinkedHashMap<>();
        if (!field.equals("-")) {
            for (String part : field.split(",")) {
                String[] kv = part.split("=", 2);
                result.put(kv[0], kv[1]);
            }
        }
        return result;
    }
}
