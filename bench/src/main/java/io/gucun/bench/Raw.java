package io.gucun.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The raw numbers of one figure, {@code raw/<id>.json}: whatever the benchmark measured, plus its summary rows. */
public final class Raw {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Raw() {
    }

    /** Writes {@code <dir>/<id>.json}: {@code {"id": ..., "summary": [rows], ...numbers}}. */
    public static void write(Path dir, String id, List<Figure> summary, Map<String, ?> numbers) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id);
        doc.put("summary", summary.stream().map(Figure::toMap).toList());
        doc.putAll(numbers);
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(id + ".json").toFile(), doc);
    }

    /** The summary rows a benchmark wrote into {@code <dir>/<id>.json}; none when it wrote no such file or field. */
    static List<Figure> summary(Path dir, String id) {
        Path file = dir.resolve(id + ".json");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            Object doc = JSON.readValue(file.toFile(), Object.class);
            List<Figure> rows = new ArrayList<>();
            if (doc instanceof Map<?, ?> m && m.get("summary") instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> row) {
                        rows.add(Figure.fromMap(row));
                    }
                }
            }
            return rows;
        } catch (IOException e) {
            return List.of();
        }
    }
}
