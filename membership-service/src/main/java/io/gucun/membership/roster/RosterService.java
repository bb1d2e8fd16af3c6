package io.gucun.membership.roster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.pii.PersonalDataCipher;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.gucun.membership.enterprise.Enterprise;
import io.gucun.membership.enterprise.EnterpriseRules;
import io.gucun.membership.member.Constraints;
import io.gucun.membership.member.JoinRules;
import io.gucun.membership.member.MemberAccess;
import io.gucun.membership.org.UnionOrg;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * Takes in an enterprise union's roster: checks scope and format, stages the rows as the body streams in (each row's
 * fields encrypted, never the whole body in memory) and queues the job for {@link RosterRunner}.
 */
@ApplicationScoped
public class RosterService {

    static final int REJECTS_SHOWN = 1000;
    private static final int STAGE_BATCH = 1000;

    @Inject
    CallerScope caller;

    @Inject
    MemberAccess access;

    @Inject
    EntityManager em;

    @Inject
    PersonalDataCipher cipher;

    @Inject
    ObjectMapper mapper;

    @Inject
    BusinessTime time;

    @Inject
    RosterRunner runner;

    @ConfigProperty(name = "gucun.membership.roster.max-rows", defaultValue = "50000")
    int maxRows;

    /**
     * Stages and queues a roster for the union of enterprise {@code enterpriseId}; the same body posted again for that
     * union answers with the first job (its rows are not staged twice). With {@code start} false the job waits for the
     * sweep (tests stage crashes this way).
     */
    public RosterDtos.JobView accept(long enterpriseId, RosterJob.Format format, InputStream body, boolean start) {
        UnionOrg union = QuarkusTransaction.requiringNew().call(() -> unionInScope(enterpriseId));
        MemberAccess.Viewer viewer = access.viewer();
        UUID id = UUID.randomUUID();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        DigestInputStream in = new DigestInputStream(body, sha);
        String[] bodySha256 = new String[1]; // digest() resets the digest: taken once, kept for the duplicate look-up
        try {
            QuarkusTransaction.requiringNew().timeout(600).run(() -> {
                RosterJob job = RosterJob.queued(id, enterpriseId, union.id, format, caller.username(), viewer, time.now());
                em.persist(job);
                em.flush();
                job.rowsTotal = stage(id, format, in);
                if (job.rowsTotal == 0) {
                    throw ApiException.invalid("roster", "holds no rows");
                }
                bodySha256[0] = HexFormat.of().formatHex(sha.digest());
                job.bodySha256 = bodySha256[0];
                em.flush();
            });
        } catch (RuntimeException e) {
            if (Constraints.violated(e).filter("roster_job_body_uq"::equalsIgnoreCase).isPresent()) {
                // Posted before: idempotent per roster, the first job answers (and is taken up again if it stalled).
                RosterJob first = QuarkusTransaction.requiringNew().call(() -> RosterJob.<RosterJob>find(
                        "unionOrgId = ?1 and bodySha256 = ?2", union.id, bodySha256[0]).firstResult());
                if (first != null) {
                    return QuarkusTransaction.requiringNew().call(() -> view(RosterJob.findById(first.id)));
                }
            }
            throw e;
        }
        if (start) {
            runner.start(id);
        }
        return QuarkusTransaction.requiringNew().call(() -> view(RosterJob.findById(id)));
    }

    /**
     * The enterprise's active union, if the caller's scope covers the enterprise's org or the union itself (the union's
     * own officers post its roster); 404 for an enterprise outside it.
     */
    private UnionOrg unionInScope(long enterpriseId) {
        Enterprise e = Enterprise.findById(enterpriseId);
        UnionOrg at = e == null ? null : UnionOrg.findById(e.orgId);
        UnionOrg own = e == null || e.unionOrgId == null ? null : UnionOrg.findById(e.unionOrgId);
        if (at == null || !caller.covers(at.path) && (own == null || !caller.covers(own.path))) {
            throw ApiException.notFound("enterprise", enterpriseId);
        }
        EnterpriseRules.requireOperating(e.id, e.closedOn);
        UnionOrg union = e.unionOrgId == null ? null : UnionOrg.findById(e.unionOrgId);
        if (union == null || !union.isActive()) {
            throw ApiException.unprocessable("no-union", "enterprise " + e.id
                    + " has no active union: found it (POST /enterprises/" + e.id + "/union) before posting its roster");
        }
        JoinRules.requireJoinable(union, union.id, "enterpriseId");
        caller.requireCovers(union.path);
        return union;
    }

    /** Writes the rows to roster_row in JDBC batches as they are read; returns how many. */
    private int stage(UUID jobId, RosterJob.Format format, InputStream body) {
        int[] count = {0};
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into roster_row (job_id, row_no, line, fields) values (?, ?, ?, ?)")) {
                RosterFormat.read(format, body, row -> {
                    if (++count[0] > maxRows) {
                        throw new ApiException(413, "roster-too-large", "Roster too large", "a roster holds at most "
                                + maxRows + " rows (gucun.membership.roster.max-rows); split it and post the parts",
                                List.of(new io.gucun.common.problem.FieldError("roster", "has more than " + maxRows + " rows")),
                                null);
                    }
                    try {
                        ps.setObject(1, jobId);
                        ps.setInt(2, count[0]);
                        ps.setInt(3, row.line());
                        ps.setString(4, cipher.encrypt(mapper.writeValueAsString(row.fields())));
                        ps.addBatch();
                        if (count[0] % STAGE_BATCH == 0) {
                            ps.executeBatch();
                        }
                    } catch (SQLException | JsonProcessingException e) {
                        throw new IllegalStateException("staging a roster row failed", e);
                    }
                });
                ps.executeBatch();
            } catch (IOException e) {
                throw new UncheckedIOException("reading the roster failed", e);
            }
        });
        return count[0];
    }

    /** A job of this enterprise that the caller may see (its union in their scope), else 404. */
    public RosterDtos.JobView get(long enterpriseId, UUID jobId) {
        RosterJob job = RosterJob.findById(jobId);
        UnionOrg union = job == null ? null : UnionOrg.findById(job.unionOrgId);
        if (job == null || job.enterpriseId != enterpriseId || union == null || !caller.covers(union.path)) {
            throw ApiException.notFound("roster job", jobId);
        }
        return view(job);
    }

    private RosterDtos.JobView view(RosterJob job) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select line, row_no, reject_field, reject_reason, member_id"
                        + " from roster_row where job_id = :job and outcome = 'REJECTED' order by row_no limit :n")
                .setParameter("job", job.id).setParameter("n", REJECTS_SHOWN + 1).getResultList();
        List<RosterDtos.Reject> rejects = rows.stream().limit(REJECTS_SHOWN).map(r -> new RosterDtos.Reject(
                ((Number) r[0]).intValue(), ((Number) r[1]).intValue(), (String) r[2], (String) r[3],
                r[4] == null ? null : ((Number) r[4]).longValue())).toList();
        return RosterDtos.JobView.of(job, rejects, rows.size() > REJECTS_SHOWN);
    }
}
