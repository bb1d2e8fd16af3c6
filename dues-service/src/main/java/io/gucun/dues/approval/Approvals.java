package io.gucun.dues.approval;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Maker-checker: a decision is proposed by one officer (of an org strictly above what it governs, or an admin) and
 * takes effect when a second one approves it. Each proposal and decision is kept as an approval_request row: the audit
 * of who proposed what and when, and who approved or rejected it and when.
 */
@ApplicationScoped
public class Approvals {

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    BusinessTime time;

    @Inject
    Instance<ApprovalSubject> subjects;

    /** 400 naming {@code field} unless the caller is an admin or an officer strictly above the scope. */
    public void requireAbove(String scopePath, String field) {
        ApprovalRules.requireAbove(caller.isAdmin(), caller.orgPath(), scopePath, field);
    }

    /** The path whose subtree a decider about the org at {@code scopePath} must cover: its parent (null for the root). */
    public static String authorityOver(String scopePath) {
        int cut = scopePath.lastIndexOf('.');
        return cut < 0 ? null : scopePath.substring(0, cut);
    }

    /**
     * Records a proposal by the caller, in the caller's transaction; returns the approval id. {@code authorityPath}: the
     * org whose subtree the approver's must contain (null: admins only).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long propose(String kind, long subjectId, String authorityPath, String summary) {
        return ((Number) em.createNativeQuery("insert into approval_request (kind, subject_id, authority_path, summary, proposed_by,"
                        + " proposed_at) values (?1, ?2, cast(nullif(?3, '') as ltree), ?4, ?5, ?6) returning id")
                // nullable values go in as text ('' = none): a bare null would reach PostgreSQL without a type
                .setParameter(1, kind).setParameter(2, subjectId).setParameter(3, authorityPath == null ? "" : authorityPath)
                .setParameter(4, summary.length() > 500 ? summary.substring(0, 500) : summary)
                .setParameter(5, caller.username()).setParameter(6, time.instant()).getSingleResult()).longValue();
    }

    /** The approval of a subject, if one was proposed. */
    public java.util.Optional<ApprovalDtos.ApprovalView> of(String kind, long subjectId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from approval_request where kind = ?1 and subject_id = ?2")
                .setParameter(1, kind).setParameter(2, subjectId).getResultList();
        return ids.stream().findFirst().flatMap(id -> view(id.longValue()));
    }

    @Transactional
    public ApprovalDtos.ApprovalView approve(long id, String note) {
        return decide(id, true, note);
    }

    @Transactional
    public ApprovalDtos.ApprovalView reject(long id, String note) {
        return decide(id, false, note);
    }

    private ApprovalDtos.ApprovalView decide(long id, boolean approve, String note) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select kind, subject_id, authority_path::text, status, proposed_by"
                + " from approval_request where id = ?1 for update").setParameter(1, id).getResultList();
        if (rows.isEmpty() || !mayDecide((String) rows.getFirst()[2])) {
            throw ApiException.notFound("approval", id);
        }
        Object[] r = rows.getFirst();
        String kind = (String) r[0];
        long subjectId = ((Number) r[1]).longValue();
        if (!"PENDING".equals(r[3])) {
            throw ApiException.conflict("already-decided", "approval " + id + " was already " + r[3], Map.of("decision", r[3]));
        }
        ApprovalRules.requireSecondOfficer((String) r[4], caller.username());
        Instant now = time.instant();
        ApprovalSubject.Decision decision = new ApprovalSubject.Decision(id, (String) r[4], caller.username(), now, note);
        ApprovalSubject subject = subjects.stream().filter(s -> s.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no handler for approvals of kind " + kind));
        if (approve) {
            subject.approved(subjectId, decision);
        } else {
            subject.rejected(subjectId, decision);
        }
        em.createNativeQuery("update approval_request set status = ?1, decided_by = ?2, decided_at = ?3, note = nullif(?4, '')"
                        + " where id = ?5")
                .setParameter(1, approve ? "APPROVED" : "REJECTED").setParameter(2, caller.username()).setParameter(3, now)
                .setParameter(4, note == null ? "" : note).setParameter(5, id).executeUpdate();
        return view(id).orElseThrow();
    }

    /** Admins decide everything; an officer what lies under an authority path inside their subtree. */
    private boolean mayDecide(String authorityPath) {
        return caller.isAdmin() || authorityPath != null && caller.covers(authorityPath);
    }

    /** Approvals whose authority path the caller covers (admins: all), newest first; optionally only those with a status. */
    @SuppressWarnings("unchecked")
    public Page<ApprovalDtos.ApprovalView> list(String status, PageRequest page) {
        if (status != null && !List.of("PENDING", "APPROVED", "REJECTED").contains(status)) {
            throw ApiException.invalid("status", "must be PENDING, APPROVED or REJECTED");
        }
        String scope = caller.isAdmin() ? null : caller.orgPath().orElse(null);
        if (!caller.isAdmin() && scope == null) {
            return new Page<>(List.of(), page.page(), page.size(), 0);
        }
        String where = " where (?1 = '' or status = ?1) and (?2 = '' or authority_path <@ cast(nullif(?2, '') as ltree))";
        String s = status == null ? "" : status;
        String p = scope == null ? "" : scope;
        List<Number> ids = em.createNativeQuery("select id from approval_request" + where + " order by id desc limit "
                + page.size() + " offset " + page.offset()).setParameter(1, s).setParameter(2, p).getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from approval_request" + where).setParameter(1, s)
                .setParameter(2, p).getSingleResult()).longValue();
        return new Page<>(ids.stream().map(i -> view(i.longValue()).orElseThrow()).toList(), page.page(), page.size(), total);
    }

    /** One approval, 404 unless the caller covers its scope. */
    public ApprovalDtos.ApprovalView visible(long id) {
        return view(id).filter(v -> mayDecide(v.authorityPath())).orElseThrow(() -> ApiException.notFound("approval", id));
    }

    /** A timestamptz as the driver hands it over (approval must not depend on the ledger package). */
    private static Instant instant(Object o) {
        return o instanceof java.time.OffsetDateTime odt ? odt.toInstant()
                : o instanceof java.sql.Timestamp ts ? ts.toInstant() : (Instant) o;
    }

    private java.util.Optional<ApprovalDtos.ApprovalView> view(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, kind, subject_id, authority_path::text, summary, status, proposed_by,"
                + " proposed_at, decided_by, decided_at, note from approval_request where id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> new ApprovalDtos.ApprovalView(((Number) r[0]).longValue(), (String) r[1],
                ((Number) r[2]).longValue(), (String) r[3], (String) r[4], (String) r[5], (String) r[6], instant(r[7]),
                (String) r[8], r[9] == null ? null : instant(r[9]), (String) r[10]));
    }
}
