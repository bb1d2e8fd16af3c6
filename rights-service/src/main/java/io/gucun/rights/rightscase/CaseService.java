package io.gucun.rights.rightscase;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.identity.CreditCode;
import io.gucun.common.money.Money;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.replica.KnownEnterprise;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.security.OrgPaths;
import io.gucun.common.security.Roles;
import io.gucun.events.membership.OrgKind;
import io.gucun.events.rights.CaseCategory;
import io.gucun.events.rights.CaseEvents;
import io.gucun.events.rights.CaseState;
import io.gucun.events.rights.ReporterKind;
import io.gucun.rights.deadline.DeadlineStep;
import io.gucun.rights.deadline.Deadlines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Intake, responsibility (上代下) and the state machine of rights cases. */
@ApplicationScoped
public class CaseService {

    /** Cases of this many affected workers or more are group cases (群体性案件). */
    public static final int GROUP_CASE_THRESHOLD = 5;

    @Inject
    EntityManager em;

    @Inject
    CaseAccess access;

    @Inject
    Deadlines deadlines;

    @Inject
    Outbox outbox;

    public record Outcome(RightsCase rightsCase, boolean created) {
    }

    /** Whether a retried report asks for the case reported the first time (what the report said, not what came after). */
    static boolean sameReport(RightsCase earlier, CaseDtos.NewCase r) {
        return earlier.category == r.category()
                && r.summary() != null && earlier.summary.equals(r.summary().trim())
                && java.util.Objects.equals(earlier.reportingOrgId, r.reportingOrgId())
                && r.enterpriseCreditCode() != null
                && earlier.enterpriseCreditCode.equals(CreditCode.normalize(r.enterpriseCreditCode()))
                && java.util.Objects.equals(earlier.workersAffected, r.workersAffected())
                && earlier.reporterAnonymous == Boolean.TRUE.equals(r.reporterAnonymous());
    }

    @Transactional
    public Outcome report(CaseDtos.NewCase r, String idempotencyKey) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
        if (key != null && key.length() > 100) {
            throw ApiException.invalid("Idempotency-Key", "must be at most 100 characters");
        }
        String me = access.me();
        if (key != null) {
            // Serialize retries of one key, so two concurrent retries cannot both create a case.
            em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:k))").setParameter("k", me + "|" + key).getSingleResult();
            RightsCase earlier = RightsCase.find("reporterSubject = ?1 and idempotencyKey = ?2", me, key).firstResult();
            if (earlier != null) {
                if (!sameReport(earlier, r)) {
                    throw ApiException.idempotencyKeyReused();
                }
                return new Outcome(earlier, false);
            }
        }
        KnownOrg reporting = KnownOrg.findById(r.reportingOrgId());
        if (reporting == null) {
            throw ApiException.invalid("reportingOrgId", "does not name a union organization");
        }
        if (reporting.isClosed()) {
            throw ApiException.unprocessable("org-closed", "organization " + reporting.id + " is closed and takes no new cases");
        }
        ReporterKind kind;
        if (access.isAdmin()) {
            kind = ReporterKind.OFFICER;
        } else if (access.isOfficer()) {
            access.scope().requireCovers(reporting.path);
            kind = reporting.kind == OrgKind.ENTERPRISE ? ReporterKind.ENTERPRISE_UNION : ReporterKind.OFFICER;
        } else {
            kind = ReporterKind.WORKER;
        }
        KnownEnterprise enterprise = KnownEnterprise.byCreditCode(CreditCode.normalize(r.enterpriseCreditCode())).orElse(null);
        if (enterprise == null) {
            throw ApiException.invalid("enterpriseCreditCode", "does not name an enterprise registered with the union");
        }
        KnownOrg coordinator = KnownOrg.findById(coordinatorFor(reporting));
        OffsetDateTime now = deadlines.now();
        LocalDate today = deadlines.dayOf(now);

        RightsCase c = new RightsCase();
        c.category = r.category();
        c.state = CaseState.REPORTED;
        c.summary = r.summary().trim();
        c.reporterKind = kind;
        c.reporterSubject = me;
        c.reporterAnonymous = Boolean.TRUE.equals(r.reporterAnonymous());
        c.reportingOrgId = reporting.id;
        c.reportingOrgPath = reporting.path;
        c.coordinatorOrgId = coordinator.id;
        c.coordinatorOrgPath = coordinator.path;
        c.enterpriseId = enterprise.id;
        c.enterpriseCreditCode = enterprise.creditCode;
        c.enterpriseName = enterprise.name;
        c.workersAffected = r.workersAffected();
        c.groupCase = r.workersAffected() >= GROUP_CASE_THRESHOLD;
        c.parties = r.parties() == null ? new ArrayList<>()
                : new ArrayList<>(r.parties().stream().map(p -> new RightsCase.Party(p.role().name(), p.name().trim(), p.note())).toList());
        c.attachments = r.attachments() == null ? new ArrayList<>()
                : new ArrayList<>(r.attachments().stream().map(a -> new RightsCase.Attachment(a.name().trim(), a.mediaType(),
                a.sizeBytes(), a.sha256().toLowerCase())).toList());
        c.idempotencyKey = key;
        c.reportedAt = now;
        c.reportedBy = access.username();
        c.takeoverDueOn = deadlines.due(DeadlineStep.TAKEOVER, today);
        c.currentStep = DeadlineStep.TAKEOVER;
        c.dueOn = c.takeoverDueOn;
        c.persist();
        em.flush();
        record(c, null, CaseState.REPORTED, now, null);
        responsibility(c, ResponsibilityChange.ASSIGNED, null, coordinator.id, now,
                "上代下: coordinating org by default for reports at org " + reporting.id);
        outbox.record(CaseEvents.AGGREGATE, c.id, "CaseReported", new CaseEvents.CaseReported(c.id, c.category, c.groupCase,
                c.workersAffected, c.reporterKind, c.reportingOrgId, c.coordinatorOrgId, c.coordinatorOrgPath,
                c.enterpriseCreditCode, c.reportedAt, c.takeoverDueOn));
        return new Outcome(c, true);
    }

    /** The coordinating org for a case reported at {@code reporting}: walks up its known path. */
    long coordinatorFor(KnownOrg reporting) {
        List<Long> ids = Arrays.stream(reporting.path.split("\\.")).map(Long::valueOf).toList();
        List<Long> above = new ArrayList<>(ids.subList(0, ids.size() - 1));
        java.util.Collections.reverse(above);
        Map<Long, KnownOrg> known = above.isEmpty() ? Map.of()
                : KnownOrg.<KnownOrg>list("id in ?1", above).stream().collect(Collectors.toMap(o -> o.id, Function.identity()));
        List<CoordinatorRule.OrgOnPath> ancestors = above.stream().filter(known::containsKey).map(known::get)
                .map(CaseService::onPath).toList();
        return CoordinatorRule.coordinatorFor(onPath(reporting), ancestors);
    }

    private static CoordinatorRule.OrgOnPath onPath(KnownOrg o) {
        return new CoordinatorRule.OrgOnPath(o.id, o.kind, o.isClosed());
    }

    /** The case if the caller may see it; 404 otherwise. */
    public RightsCase visible(long id) {
        RightsCase c = RightsCase.findById(id);
        if (c == null || !access.canSee(c)) {
            throw ApiException.notFound("case", id);
        }
        return c;
    }

    /** Locks the case row for a change; 404 when the caller may not see it. */
    public RightsCase visibleForUpdate(long id) {
        RightsCase c = RightsCase.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || !access.canSee(c)) {
            throw ApiException.notFound("case", id);
        }
        return c;
    }

    @Transactional
    public RightsCase takeOver(long id, String note) {
        RightsCase c = visibleForUpdate(id);
        access.requireCoordinator(c);
        OffsetDateTime now = transition(c, CaseAction.TAKE_OVER, note);
        c.takenOverAt = now;
        responsibility(c, ResponsibilityChange.TAKEN_OVER, c.coordinatorOrgId, c.coordinatorOrgId, now, note);
        outbox.record(CaseEvents.AGGREGATE, c.id, "CaseTakenOver", new CaseEvents.CaseTakenOver(c.id, c.coordinatorOrgId,
                c.coordinatorOrgPath, now, c.takeoverDueOn, !deadlines.dayOf(now).isAfter(c.takeoverDueOn)));
        return c;
    }

    @Transactional
    public RightsCase start(long id, String note) {
        RightsCase c = visibleForUpdate(id);
        access.requireCoordinator(c);
        transition(c, CaseAction.START, note);
        return c;
    }

    /** Moves an ACCEPTED case to IN_PROGRESS when work on a track begins; other open states are left as they are. */
    public void startIfAccepted(RightsCase c, String why) {
        if (c.state == CaseState.ACCEPTED) {
            transition(c, CaseAction.START, why);
        }
    }

    @Transactional
    public RightsCase resolve(long id, CaseDtos.ResolveRequest r) {
        RightsCase c = visibleForUpdate(id);
        access.requireCoordinator(c);
        long fen = Money.parseOptionalNonNegative("amountRecovered", r.amountRecovered());
        OffsetDateTime now = transition(c, CaseAction.RESOLVE, r.resolution());
        c.resolvedAt = now;
        c.resolution = r.resolution().trim();
        c.amountRecoveredFen += fen;
        return c;
    }

    @Transactional
    public RightsCase reopen(long id, String note) {
        RightsCase c = visibleForUpdate(id);
        access.requireCoordinator(c);
        requireNote(note);
        transition(c, CaseAction.REOPEN, note);
        c.resolvedAt = null;
        return c;
    }

    @Transactional
    public RightsCase close(long id, String note) {
        RightsCase c = visibleForUpdate(id);
        access.requireCoordinator(c);
        if (c.state != CaseState.RESOLVED) {
            requireNote(note);
        }
        end(c, CaseAction.CLOSE, note);
        return c;
    }

    @Transactional
    public RightsCase withdraw(long id, String note) {
        RightsCase c = visibleForUpdate(id);
        if (!access.isReporter(c) && !access.coordinates(c)) {
            throw ApiException.forbidden("only the reporter or an officer of the coordinating organization may withdraw a case");
        }
        end(c, CaseAction.WITHDRAW, note);
        return c;
    }

    private void end(RightsCase c, CaseAction action, String note) {
        OffsetDateTime now = transition(c, action, note);
        c.endedAt = now;
        outbox.record(CaseEvents.AGGREGATE, c.id, "CaseClosed", new CaseEvents.CaseClosed(c.id, c.state, c.category,
                c.coordinatorOrgId, c.enterpriseCreditCode, c.amountRecoveredFen, now));
    }

    private static void requireNote(String note) {
        if (note == null || note.isBlank()) {
            throw ApiException.invalid("note", "is required for this step");
        }
    }

    /** Hands the case to an org further up; the state stays, the deadline of the running step stays. */
    @Transactional
    public RightsCase escalate(long id, CaseDtos.EscalateRequest r) {
        RightsCase c = visibleForUpdate(id);
        access.requireCoordinator(c);
        if (!c.state.isOpen()) {
            throw new ApiException(409, "case-not-open", "Conflict", "a case that is " + c.state + " cannot be escalated",
                    null, Map.of("currentState", c.state.name()));
        }
        KnownOrg current = KnownOrg.findById(c.coordinatorOrgId);
        Long toId = r.toOrgId() != null ? r.toOrgId() : current.parentId;
        if (toId == null) {
            throw ApiException.unprocessable("no-upper-org", "the coordinating org is the root of the tree; there is nothing above it");
        }
        KnownOrg to = KnownOrg.findById(toId);
        if (to == null) {
            throw ApiException.invalid("toOrgId", "does not name a union organization");
        }
        if (to.path.equals(c.coordinatorOrgPath) || !OrgPaths.isWithin(c.coordinatorOrgPath, to.path)) {
            throw ApiException.invalid("toOrgId", "must name an org above the current coordinating org " + c.coordinatorOrgId);
        }
        if (to.isClosed()) {
            throw ApiException.unprocessable("org-closed", "organization " + to.id + " is closed");
        }
        OffsetDateTime now = deadlines.now();
        long from = c.coordinatorOrgId;
        c.coordinatorOrgId = to.id;
        c.coordinatorOrgPath = to.path;
        responsibility(c, ResponsibilityChange.ESCALATED, from, to.id, now, r.reason().trim());
        outbox.record(CaseEvents.AGGREGATE, c.id, "CaseEscalated",
                new CaseEvents.CaseEscalated(c.id, from, to.id, to.path, now));
        return c;
    }

    /** Applies {@code action} through the state machine, records it and restarts the deadline clock. */
    OffsetDateTime transition(RightsCase c, CaseAction action, String note) {
        CaseState from = c.state;
        CaseState to = CaseStateMachine.next(from, action);
        OffsetDateTime now = deadlines.now();
        c.state = to;
        DeadlineStep step = DeadlineStep.runningIn(to);
        c.currentStep = step;
        c.dueOn = step == null ? null : deadlines.due(step, deadlines.dayOf(now));
        record(c, from, to, now, note);
        return now;
    }

    private void record(RightsCase c, CaseState from, CaseState to, OffsetDateTime at, String note) {
        CaseTransition t = new CaseTransition();
        t.caseId = c.id;
        t.fromState = from;
        t.toState = to;
        t.at = at;
        t.byUser = access.username();
        t.note = note == null || note.isBlank() ? null : note.trim();
        t.persist();
    }

    private void responsibility(RightsCase c, String kind, Long from, long to, OffsetDateTime at, String reason) {
        ResponsibilityChange r = new ResponsibilityChange();
        r.caseId = c.id;
        r.kind = kind;
        r.fromOrgId = from;
        r.toOrgId = to;
        r.at = at;
        r.byUser = access.username();
        r.reason = reason == null || reason.isBlank() ? null : reason.trim();
        r.persist();
    }

    public CaseDtos.HistoryView history(long id) {
        RightsCase c = visible(id);
        List<CaseDtos.TransitionView> transitions = CaseTransition.<CaseTransition>list("caseId = ?1 order by id", c.id)
                .stream().map(CaseDtos.TransitionView::of).toList();
        List<ResponsibilityChange> changes = ResponsibilityChange.list("caseId = ?1 order by id", c.id);
        Map<Long, String> names = names(changes.stream().flatMap(ch -> java.util.stream.Stream.of(ch.fromOrgId, ch.toOrgId)).toList());
        return new CaseDtos.HistoryView(transitions, changes.stream().map(ch -> new CaseDtos.ResponsibilityView(ch.kind,
                ref(ch.fromOrgId, names), ref(ch.toOrgId, names), ch.at, ch.byUser, ch.reason)).toList());
    }

    /** Filters of case lists; null means "any". */
    public record Filter(CaseState state, CaseCategory category, Long orgId, LocalDate from, LocalDate to, Boolean overdue) {
    }

    public Page<RightsCase> list(Filter f, PageRequest page) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(" from rights_case c where ").append(access.visibleCondition(params));
        if (f.state() != null) {
            where.append(" and c.state = :state");
            params.put("state", f.state().name());
        }
        if (f.category() != null) {
            where.append(" and c.category = :category");
            params.put("category", f.category().name());
        }
        if (f.orgId() != null) {
            KnownOrg org = KnownOrg.findById(f.orgId());
            if (org == null) {
                throw ApiException.invalid("orgId", "does not name a union organization");
            }
            if (access.isOfficer() && !access.scope().covers(org.path)) {
                throw ApiException.forbidden("organization " + org.id + " is outside your scope");
            }
            where.append(" and (c.coordinator_org_path <@ cast(:org as ltree) or c.reporting_org_path <@ cast(:org as ltree))");
            params.put("org", org.path);
        }
        if (f.from() != null) {
            where.append(" and c.reported_at >= :fromTs");
            params.put("fromTs", f.from().atStartOfDay(deadlines.zone()).toOffsetDateTime());
        }
        if (f.to() != null) {
            where.append(" and c.reported_at < :toTs");
            params.put("toTs", f.to().plusDays(1).atStartOfDay(deadlines.zone()).toOffsetDateTime());
        }
        if (f.overdue() != null) {
            where.append(f.overdue() ? " and " : " and not ").append(
                    "(c.state in ('REPORTED','ACCEPTED','IN_PROGRESS') and c.due_on is not null and c.due_on < :today)");
            params.put("today", deadlines.today());
        }
        return pageOf(where.toString(), params, page);
    }

    private Page<RightsCase> pageOf(String fromWhere, Map<String, Object> params, PageRequest page) {
        var count = em.createNativeQuery("select count(*)" + fromWhere);
        var ids = em.createNativeQuery("select c.id" + fromWhere + " order by c.id desc");
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            ids.setParameter(k, v);
        });
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Long> idList = ((List<Number>) ids.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList())
                .stream().map(Number::longValue).toList();
        Map<Long, RightsCase> byId = idList.isEmpty() ? Map.of()
                : RightsCase.<RightsCase>list("id in ?1", idList).stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
        return new Page<>(idList.stream().map(byId::get).toList(), page.page(), page.size(), total);
    }

    /**
     * Deadlines of the caller's cases due within {@code withinWorkingDays} working days or already passed, soonest
     * first: the running step of open cases, and the enterprise's response to each unanswered supervision letter.
     */
    public Page<CaseDtos.Reminder> reminders(int withinWorkingDays, PageRequest page) {
        LocalDate today = deadlines.today();
        LocalDate horizon = withinWorkingDays == 0 ? today : deadlines.calendar().addWorkingDays(today, withinWorkingDays);
        Map<String, Object> params = new HashMap<>();
        String visible = access.visibleCondition(params);
        params.put("horizon", horizon);
        String union = "select c.id as case_id, c.current_step as step, c.due_on as due, c.coordinator_org_id as org, null as notice"
                + " from rights_case c where " + visible
                + " and c.state in ('REPORTED','ACCEPTED','IN_PROGRESS') and c.due_on <= :horizon"
                + " union all select c.id, case n.kind when 'RECTIFICATION' then 'RECTIFICATION_RESPONSE'"
                + " else 'HANDLING_PROPOSAL_RESPONSE' end, n.response_due_on, c.coordinator_org_id, n.id"
                + " from supervision_notice n join rights_case c on c.id = n.case_id where " + visible
                + " and n.response_outcome is null and n.response_due_on <= :horizon and c.state <> 'CLOSED' and c.state <> 'WITHDRAWN'";
        var count = em.createNativeQuery("select count(*) from (" + union + ") r");
        var q = em.createNativeQuery("select r.case_id, r.step, r.due, r.org, r.notice from (" + union + ") r"
                + " order by r.due, r.case_id, r.notice nulls first");
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            q.setParameter(k, v);
        });
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        Map<Long, String> names = names(rows.stream().map(r -> ((Number) r[3]).longValue()).toList());
        List<CaseDtos.Reminder> items = rows.stream().map(r -> {
            long caseId = ((Number) r[0]).longValue();
            DeadlineStep step = DeadlineStep.valueOf((String) r[1]);
            LocalDate due = r[2] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[2];
            String what = describe(step) + (r[4] == null ? "" : " (notice " + r[4] + ")") + " of case " + caseId;
            return new CaseDtos.Reminder(caseId, step.name(), what, due, due.isBefore(today),
                    ref(((Number) r[3]).longValue(), names));
        }).toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    private static String describe(DeadlineStep step) {
        return switch (step) {
            case TAKEOVER -> "take-over";
            case START -> "start of work";
            case RESOLUTION -> "resolution";
            case RECTIFICATION_RESPONSE -> "response to the rectification opinion";
            case HANDLING_PROPOSAL_RESPONSE -> "response to the handling proposal";
        };
    }

    public Map<Long, String> names(List<Long> orgIds) {
        List<Long> ids = orgIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return KnownOrg.<KnownOrg>list("id in ?1", ids).stream().collect(Collectors.toMap(o -> o.id, o -> o.name));
    }

    static CaseDtos.OrgRef ref(Long id, Map<Long, String> names) {
        return id == null ? null : new CaseDtos.OrgRef(id, names.get(id));
    }

    public CaseDtos.CaseView view(RightsCase c) {
        Map<Long, String> names = names(List.of(c.reportingOrgId, c.coordinatorOrgId));
        LocalDate today = deadlines.today();
        boolean seesReporter = access.seesReporter(c);
        boolean partyNamesVisible = seesReporter || access.scope().hasRole(Roles.LAWYER);
        return new CaseDtos.CaseView(c.id, c.category, c.state, CaseStateMachine.allowedNext(c.state), c.summary,
                c.reporterKind, c.reporterAnonymous, seesReporter ? c.reporterSubject : null, access.me().equals(c.reporterSubject),
                ref(c.reportingOrgId, names), ref(c.coordinatorOrgId, names), c.enterpriseCreditCode, c.enterpriseName,
                c.workersAffected, c.groupCase, partyNamesVisible ? c.parties : List.of(), c.attachments, c.reportedAt,
                c.takeoverDueOn, c.takenOverAt, c.currentStep == null ? null : c.currentStep.name(), c.dueOn,
                c.isOverdueOn(today), c.resolvedAt, c.resolution, c.endedAt, Money.format(c.amountRecoveredFen), Money.CURRENCY,
                seesReporter ? c.lawyerUsername : null, c.lawyerName);
    }
}
