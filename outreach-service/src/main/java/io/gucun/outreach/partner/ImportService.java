package io.gucun.outreach.partner;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Takes in partner files: checks the header at once, stages the body on disk as it streams in, queues the job. */
@ApplicationScoped
public class ImportService {

    private static final int HEADER_LIMIT = 4096;

    @Inject
    CallerScope caller;

    @Inject
    ImportRunner runner;

    @Inject
    BusinessTime time;

    @ConfigProperty(name = "gucun.outreach.import.directory", defaultValue = "${java.io.tmpdir}/gucun-outreach-imports")
    Path directory;

    /** Stages and queues an import; with {@code start} false the job waits for the sweep (tests stage crashes this way). */
    public ImportJob accept(ImportKind kind, InputStream body, boolean start) {
        if (!caller.hasRole(kind.role())) {
            throw ApiException.forbidden("only a " + kind.role() + " client imports " + kind + " data");
        }
        UUID id = UUID.randomUUID();
        Path staged;
        try {
            BufferedInputStream in = new BufferedInputStream(body, 64 * 1024);
            in.mark(HEADER_LIMIT + 1);
            String header = firstLine(in);
            CsvRows.headerProblem(header, kind).ifPresent(problem -> {
                throw new ApiException(400, "import-format", "Not an importable file", problem,
                        java.util.List.of(new io.gucun.common.problem.FieldError("file", problem)), null);
            });
            in.reset();
            Files.createDirectories(directory);
            staged = directory.resolve(id + ".csv");
            Files.copy(in, staged, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not stage the import", e);
        }
        ImportJob job = ImportJob.queued(id, kind, caller.username(), staged.toString(), time.now());
        QuarkusTransaction.requiringNew().run(job::persist);
        if (start) {
            runner.start(id);
        }
        return job;
    }

    /** The first line, read strictly as UTF-8 within the first 4 KiB; null if there is no line break there. */
    private static String firstLine(BufferedInputStream in) throws IOException {
        byte[] buf = new byte[HEADER_LIMIT];
        int n = 0;
        int b;
        while (n < HEADER_LIMIT && (b = in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            buf[n++] = (byte) b;
        }
        if (n == HEADER_LIMIT) {
            throw ApiException.invalid("file", "has no CSV header line in its first 4 KiB");
        }
        if (n > 0 && buf[n - 1] == '\r') {
            n--;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buf, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalid("file", "is not CSV text (UTF-8)");
        }
    }

    /** A job the caller may see: its own submitter, or an admin. Others get 404 (a job's existence is private). */
    public ImportJob get(UUID id) {
        ImportJob job = ImportJob.findById(id);
        if (job == null || !(caller.isAdmin() || job.submittedBy.equals(caller.username()) && caller.hasRole(job.kind.role()))) {
            throw ApiException.notFound("import", id);
        }
        return job;
    }

    public Page<ImportJob> mine(PageRequest page) {
        var q = caller.isAdmin() ? ImportJob.<ImportJob>findAll(Sort.descending("createdAt"))
                : ImportJob.<ImportJob>find("submittedBy", Sort.descending("createdAt"), caller.username());
        long total = q.count();
        return new Page<>(q.page(io.quarkus.panache.common.Page.of(page.page(), page.size())).list(), page.page(), page.size(), total);
    }
}
