package io.gucun.membership.roster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.db.JobTimeouts;
import io.gucun.common.identity.ResidentIdNumber;
import io.gucun.common.job.JobLeases;
import io.gucun.common.job.LeaseLost;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.pii.BlindIndexes;
import io.gucun.common.pii.PersonalDataCipher;
import io.gucun.common.problem.ApiException;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.CardEvents;
import io.gucun.events.membership.EmploymentForm;
import io.gucun.events.membership.JoinVia;
import io.gucun.events.membership.MemberEvents;
import io.gucun.events.membership.OccupationCategory;
import io.gucun.membership.card.CardService;
import io.gucun.membership.card.ServiceCard;
import io.gucun.membership.enterprise.Enterprise;
import io.gucun.membership.member.Constraints;
import io.gucun.membership.member.JoinRules;
import io.gucun.membership.member.JoiningService;
import io.gucun.membership.member.Member;
import io.gucun.membership.member.MemberAccess;
import io.gucun.membership.member.MemberDtos;
import io.gucun.membership.member.MemberService;
import io.gucun.membership.member.MembershipPeriod;
import io.gucun.membership.member.MobileNumber;
import io.gucun.membership.org.UnionOrg;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Registers a staged roster a chunk at a time. Each row is checked as a single registration checks it (the same
 * constraints on {@link MemberDtos.NewMember}, resident ID checksum, mobile, the employer's own union), stored as
 * {@link MemberService#newMember} stores a person, admitted as {@link JoiningService#admit} admits (ON_SITE: an
 * officer registers the worker), and given a card as {@link CardService} issues one, with the same events through the
 * outbox. Only the writing is batched: one multi-row insert per table per chunk instead of a statement per row.
 *
 * <p>A chunk's rows, their outcomes and the job's counters commit together under the job's lease; a job whose lease
 * ran out (its process died) is taken up again by the sweep and goes on after its last committed chunk.
 */
@ApplicationScoped
public class RosterRunner {

    private static final Logger LOG = Logger.getLogger(RosterRunner.class);
    private static final String TABLE = "roster_job";
    private static final JoinVia VIA = JoinVia.ON_SITE;
    private static final String ALREADY_MEMBER =
            "a member with this resident ID number is already registered; one person is one member nationwide";

    @Inject
    JobLeases leases;

    @Inject
    EntityManager em;

    @Inject
    MemberService members;

    @Inject
    JoiningService joining;

    @Inject
    MemberAccess access;

    @Inject
    BlindIndexes indexes;

    @Inject
    PersonalDataCipher cipher;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    @Inject
    JobTimeouts jobTimeouts;

    @Inject
    BusinessTime time;

    @ConfigProperty(name = "gucun.membership.roster.chunk-size", defaultValue = "500")
    int chunkSize;

    @ConfigProperty(name = "gucun.membership.roster.lease", defaultValue = "PT2M")
    Duration lease;

    private final ExecutorService workers = JobLeases.workers("roster-registration", 1);

    void onStop(@Observes ShutdownEvent e) {
        workers.shutdownNow();
    }

    public void start(UUID jobId) {
        workers.execute(() -> run(jobId, Long.MAX_VALUE));
    }

    /** Takes up jobs never started or whose runner died (lease expired). */
    @Scheduled(every = "${gucun.membership.roster.sweep-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeAbandoned() {
        leases.abandoned(TABLE).forEach(this::start);
    }

    /**
     * Runs the job from its last committed chunk for at most {@code maxChunks} chunks (tests stop early to stage a
     * crash). False if another runner holds the job's lease.
     */
    public boolean run(UUID jobId, long maxChunks) {
        UUID owner = UUID.randomUUID();
        boolean claimed = QuarkusTransaction.requiringNew().call(() -> leases.claim(TABLE, jobId, lease, "lease_owner = ?4",
                owner));
        if (!claimed) {
            return false;
        }
        try {
            for (long chunks = 0; chunks < maxChunks; chunks++) {
                if (chunkRetryingRaces(jobId, owner) == 0) {
                    QuarkusTransaction.requiringNew().run(() -> finish(jobId, owner, null));
                    return true;
                }
            }
        } catch (LeaseLost e) {
            LOG.infof("roster job %s: lease taken over by another runner", jobId);
        } catch (ApiException e) {
            // A rule of the union itself (it closed meanwhile): its detail names no row's data.
            QuarkusTransaction.requiringNew().run(() -> finish(jobId, owner, e.getMessage()));
        } catch (RuntimeException e) {
            // The class only: a message may quote a row.
            LOG.errorf("roster job %s failed: %s", jobId, e.getClass().getName());
            QuarkusTransaction.requiringNew().run(() -> finish(jobId, owner, "the registration stopped on an unexpected"
                    + " error; the rows registered so far stay, and posting the roster again registers nobody twice"));
        }
        return true;
    }

    /** A concurrent single registration of a person on the roster loses nothing: the chunk is checked again. */
    private int chunkRetryingRaces(UUID jobId, UUID owner) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().timeout(600).call(() -> chunk(jobId, owner));
            } catch (RuntimeException e) {
                boolean race = Constraints.violated(e).filter(c -> c.equalsIgnoreCase("member_id_number_hash_uq")).isPresent();
                if (!race || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private void finish(UUID jobId, UUID owner, String error) {
        RosterJob j = em.find(RosterJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (!owner.equals(j.leaseOwner) || j.status != RosterJob.Status.RUNNING) {
            return;
        }
        j.finish(error, time.now());
    }

    /** One staged row being registered, or rejected with the field at fault. */
    private static final class Row {
        final int rowNo;
        final int line;
        MemberDtos.NewMember request;
        ResidentIdNumber idNumber;
        MobileNumber mobile;
        List<String> hashes;
        Member member;
        ServiceCard card;
        String rejectField;
        String rejectReason;
        Long rejectMemberId;

        Row(int rowNo, int line) {
            this.rowNo = rowNo;
            this.line = line;
        }

        boolean accepted() {
            return rejectReason == null;
        }

        void reject(String field, String reason) {
            rejectField = field;
            rejectReason = reason.length() > 300 ? reason.substring(0, 300) : reason;
        }
    }

    /** Registers the next chunk of pending rows; returns how many rows it processed (0: the roster is done). */
    private int chunk(UUID jobId, UUID owner) {
        RosterJob job = em.find(RosterJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (!owner.equals(job.leaseOwner)) {
            throw new LeaseLost(jobId);
        }
        jobTimeouts.raiseForThisTransaction();
        UnionOrg org = UnionOrg.findById(job.unionOrgId);
        JoinRules.requireJoinable(org, org.id, "enterpriseId");
        Enterprise employer = Enterprise.findById(job.enterpriseId);
        @SuppressWarnings("unchecked")
        List<Object[]> staged = em.createNativeQuery("select row_no, line, fields from roster_row"
                        + " where job_id = :job and outcome is null order by row_no limit :n")
                .setParameter("job", jobId).setParameter("n", chunkSize).getResultList();
        if (staged.isEmpty()) {
            return 0;
        }
        List<Row> rows = new ArrayList<>(staged.size());
        for (Object[] s : staged) {
            Row row = new Row(((Number) s[0]).intValue(), ((Number) s[1]).intValue());
            check(row, fieldsOf((String) s[2]), org, employer);
            rows.add(row);
        }
        rejectDuplicates(job, rows);
        rejectEmployersWithOwnUnion(rows, org);

        OffsetDateTime now = time.now();
        List<Row> accepted = rows.stream().filter(Row::accepted).toList();
        for (Row r : accepted) {
            r.member = members.newMember(r.request, r.idNumber, r.mobile, r.hashes.getFirst(), job.submittedBy, now);
            joining.enter(r.member, org, now);
        }
        if (!accepted.isEmpty()) {
            em.unwrap(Session.class).doWork(c -> write(c, accepted, org, job.submittedBy, now));
            // The events of a single registration, in its order for each member, written (and projected) as one batch.
            List<Outbox.Pending> events = new ArrayList<>(3 * accepted.size());
            for (Row r : accepted) {
                events.add(new Outbox.Pending(MemberEvents.AGGREGATE, r.member.id, "MemberRegistered",
                        MemberService.registered(r.member)));
                events.add(new Outbox.Pending(MemberEvents.AGGREGATE, r.member.id, "MemberJoined",
                        JoiningService.joined(r.member, org, VIA)));
                events.add(new Outbox.Pending(CardEvents.AGGREGATE, r.card.id, "CardIssued", CardService.issued(r.card)));
            }
            outbox.recordAll(events);
        }
        em.unwrap(Session.class).doWork(c -> outcomes(c, jobId, rows));
        job.rowsDone += rows.size();
        job.registered += accepted.size();
        job.rejected += rows.size() - accepted.size();
        job.leaseUntil = leases.until(lease);
        em.flush();
        return rows.size();
    }

    private Map<String, String> fieldsOf(String encrypted) {
        try {
            return mapper.readValue(cipher.decrypt(encrypted), new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a staged roster row cannot be read", e);
        }
    }

    /** The checks of a single registration's body, on one row; the employer defaults to the enterprise. */
    private void check(Row row, Map<String, String> f, UnionOrg org, Enterprise employer) {
        for (String column : f.keySet()) {
            if (!RosterFormat.COLUMNS.contains(column)) {
                row.reject(column, "is not a column of a roster; columns are " + String.join(",", RosterFormat.COLUMNS));
                return;
            }
        }
        OccupationCategory category;
        EmploymentForm form;
        try {
            category = parse(f.get("occupationCategory"), OccupationCategory::valueOf);
        } catch (IllegalArgumentException e) {
            row.reject("occupationCategory", "must be one of " + Arrays.toString(OccupationCategory.values()));
            return;
        }
        try {
            form = parse(f.get("employmentForm"), EmploymentForm::valueOf);
        } catch (IllegalArgumentException e) {
            row.reject("employmentForm", "must be one of " + Arrays.toString(EmploymentForm.values()));
            return;
        }
        String creditCode = f.get("employerCreditCode");
        String employerName = f.get("employerName");
        if (creditCode == null && employerName == null) {
            creditCode = employer.creditCode;
            employerName = employer.name;
        }
        row.request = new MemberDtos.NewMember(f.get("idNumber"), f.get("name"), f.get("mobile"), creditCode,
                employerName, f.get("occupation"), category, form, org.id, null);
        var violation = validator.validate(row.request).stream()
                .min(Comparator.comparingInt((ConstraintViolation<MemberDtos.NewMember> v) ->
                        RosterFormat.COLUMNS.indexOf(v.getPropertyPath().toString())));
        if (violation.isPresent()) {
            row.reject(violation.get().getPropertyPath().toString(), violation.get().getMessage());
            return;
        }
        row.idNumber = ResidentIdNumber.of(row.request.idNumber());
        row.mobile = MobileNumber.of(row.request.mobile());
        row.hashes = indexes.idNumber().hashesInUse(row.idNumber.value());
    }

    private static <E extends Enum<E>> E parse(String value, Function<String, E> valueOf) {
        return value == null ? null : valueOf.apply(value.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * A person twice in the roster (this chunk or an earlier one) is registered at the first row; a person already a
     * member anywhere is rejected as a single registration would be, the member named only to a submitter who may see
     * them.
     */
    private void rejectDuplicates(RosterJob job, List<Row> rows) {
        List<Row> candidates = rows.stream().filter(Row::accepted).toList();
        if (candidates.isEmpty()) {
            return;
        }
        String[] current = candidates.stream().map(r -> r.hashes.getFirst()).toArray(String[]::new);
        String[] inUse = candidates.stream().flatMap(r -> r.hashes.stream()).toArray(String[]::new);
        Map<String, Integer> earlierLine = new HashMap<>();
        Map<String, Long> memberOf = new HashMap<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id_number_hash, line from roster_row"
                    + " where job_id = ? and id_number_hash = any(?) and outcome = 'REGISTERED'")) {
                ps.setObject(1, job.id);
                ps.setArray(2, c.createArrayOf("varchar", current));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        earlierLine.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select id_number_hash, id from member where id_number_hash = any(?)")) {
                ps.setArray(1, c.createArrayOf("varchar", inUse));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        memberOf.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        });
        MemberAccess.Viewer viewer = job.viewer();
        for (Row r : candidates) {
            Integer first = earlierLine.putIfAbsent(r.hashes.getFirst(), r.line);
            if (first != null) {
                r.reject("idNumber", "the same resident ID number as line " + first + " of this roster");
                continue;
            }
            Long existing = r.hashes.stream().map(memberOf::get).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (existing != null) {
                r.reject("idNumber", ALREADY_MEMBER);
                Member m = Member.findById(existing);
                r.rejectMemberId = access.canSee(m, viewer) ? m.id : null;
            }
        }
    }

    /** The single path's 422 when a worker's employer has a union of its own (asked once per employer in the chunk). */
    private void rejectEmployersWithOwnUnion(List<Row> rows, UnionOrg org) {
        Map<String, String> problemOf = new HashMap<>();
        for (Row r : rows) {
            if (!r.accepted() || r.request.employerCreditCode() == null) {
                continue;
            }
            Member probe = new Member();
            probe.employerCreditCode = io.gucun.common.identity.CreditCode.normalize(r.request.employerCreditCode());
            String problem = problemOf.computeIfAbsent(probe.employerCreditCode, code -> {
                try {
                    joining.requireFitsEmployer(probe, org);
                    return "";
                } catch (ApiException e) {
                    return e.getMessage();
                }
            });
            if (!problem.isEmpty()) {
                r.reject("employerCreditCode", problem);
            }
        }
    }

    /** The chunk's members, periods, cards and their first status change: one insert per table. */
    private void write(Connection c, List<Row> rows, UnionOrg org, String by, OffsetDateTime now) throws SQLException {
        List<Member> ms = rows.stream().map(r -> r.member).toList();
        Map<String, Long> idOfHash = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                insert into member (id_number_cipher, id_number_hash, id_number_hash_version, id_number_masked, name,
                    mobile_cipher, mobile_hash, mobile_hash_version, mobile_masked, birth_year, region_code,
                    employer_credit_code, employer_name, occupation, occupation_category, employment_form, status,
                    org_id, joined_at, last_active_on, registered_at, registered_by)
                select u.*, ?, ?, ?, ?, ?, ? from unnest(?::varchar[], ?::varchar[], ?::int[], ?::varchar[], ?::varchar[],
                    ?::varchar[], ?::varchar[], ?::int[], ?::varchar[], ?::int[], ?::varchar[], ?::varchar[], ?::varchar[],
                    ?::varchar[], ?::varchar[], ?::varchar[]) u
                returning id_number_hash, id""")) {
            Member first = ms.getFirst(); // the admission and registration columns are the chunk's, alike for every row
            int i = 1;
            ps.setString(i++, first.status.name());
            ps.setLong(i++, first.orgId);
            ps.setObject(i++, first.joinedAt);
            ps.setObject(i++, first.lastActiveOn);
            ps.setObject(i++, first.registeredAt);
            ps.setString(i++, first.registeredBy);
            ps.setArray(i++, array(c, "varchar", ms, m -> m.idNumberCipher));
            ps.setArray(i++, array(c, "varchar", ms, m -> m.idNumberHash));
            ps.setArray(i++, array(c, "int", ms, m -> m.idNumberHashVersion));
            ps.setArray(i++, array(c, "varchar", ms, m -> m.idNumberMasked));
            ps.setArray(i++, array(c, "varchar", ms, m -> m.name));
            ps.setArray(i++, array(c, "varchar", ms, m -> m.mobileCipher));
            ps.setArray(i++, array(c, "varchar", ms, m -> m.mobileHash));
            ps.setArray(i++, array(c, "int", ms, m -> m.mobileHashVersion));
            ps.setArray(i++, array(c, "varchar", ms, m -> m.mobileMasked));
            ps.setArray(i++, array(c, "int", ms, m -> m.birthYear));
            ps.setArray(i++, array(c, "varchar", ms, m -> m.regionCode));
            ps.setArray(i++, array(c, "varchar", ms, m -> m.employerCreditCode));
            ps.setArray(i++, array(c, "varchar", ms, m -> m.employerName));
            ps.setArray(i++, array(c, "varchar", ms, m -> m.occupation));
            ps.setArray(i++, array(c, "varchar", ms, m -> m.occupationCategory == null ? null : m.occupationCategory.name()));
            ps.setArray(i, array(c, "varchar", ms, m -> m.employmentForm.name()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    idOfHash.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        ms.forEach(m -> m.id = idOfHash.get(m.idNumberHash));

        List<MembershipPeriod> periods = ms.stream().map(m -> JoiningService.period(m, org, VIA, now)).toList();
        try (PreparedStatement ps = c.prepareStatement("insert into membership_period (member_id, org_id, started_at,"
                + " start_reason) select u.m, ?, ?, ? from unnest(?::bigint[]) u(m)")) {
            ps.setLong(1, org.id);
            ps.setObject(2, now);
            ps.setString(3, periods.getFirst().startReason.name());
            ps.setArray(4, array(c, "bigint", periods, p -> p.memberId));
            ps.executeUpdate();
        }

        List<Long> sequences = new ArrayList<>(rows.size());
        try (PreparedStatement ps = c.prepareStatement(
                "select nextval('service_card_number_seq') from generate_series(1, ?)")) {
            ps.setInt(1, rows.size());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sequences.add(rs.getLong(1));
                }
            }
        }
        String reason = JoiningService.cardReason(VIA);
        for (int k = 0; k < rows.size(); k++) {
            rows.get(k).card = CardService.newCard(rows.get(k).member, org.id, sequences.get(k), null, reason, by, now);
        }
        List<ServiceCard> cards = rows.stream().map(r -> r.card).toList();
        Map<Long, Long> cardOfMember = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("insert into service_card (member_id, org_id, number, status,"
                + " status_reason, issued_at, issued_by) select u.m, ?, u.n, ?, ?, ?, ? from unnest(?::bigint[], ?::varchar[]) u(m, n)"
                + " returning member_id, id")) {
            ps.setLong(1, org.id);
            ps.setString(2, cards.getFirst().status.name());
            ps.setString(3, reason);
            ps.setObject(4, now);
            ps.setString(5, by);
            ps.setArray(6, array(c, "bigint", cards, card -> card.memberId));
            ps.setArray(7, array(c, "varchar", cards, card -> card.number));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cardOfMember.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        cards.forEach(card -> card.id = cardOfMember.get(card.memberId));
        try (PreparedStatement ps = c.prepareStatement("insert into service_card_status_change (card_id, to_status, reason,"
                + " changed_at, changed_by) select u.c, ?, ?, ?, ? from unnest(?::bigint[]) u(c)")) {
            ps.setString(1, cards.getFirst().status.name());
            ps.setString(2, reason);
            ps.setObject(3, now);
            ps.setString(4, by);
            ps.setArray(5, array(c, "bigint", cards, card -> card.id));
            ps.executeUpdate();
        }
    }

    /** Each row's outcome; a processed row's fields are erased (the member record now holds what is kept). */
    private static void outcomes(Connection c, UUID jobId, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update roster_row r set fields = null, outcome = u.outcome, member_id = u.member_id,
                    id_number_hash = u.hash, reject_field = u.field, reject_reason = u.reason
                from unnest(?::int[], ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[])
                    u(row_no, outcome, member_id, hash, field, reason)
                where r.job_id = ? and r.row_no = u.row_no""")) {
            ps.setArray(1, array(c, "int", rows, r -> r.rowNo));
            ps.setArray(2, array(c, "varchar", rows, r -> r.accepted() ? "REGISTERED" : "REJECTED"));
            ps.setArray(3, array(c, "bigint", rows, r -> r.accepted() ? r.member.id : r.rejectMemberId));
            ps.setArray(4, array(c, "varchar", rows, r -> r.accepted() ? r.member.idNumberHash : null));
            ps.setArray(5, array(c, "varchar", rows, r -> r.rejectField));
            ps.setArray(6, array(c, "varchar", rows, r -> r.rejectReason));
            ps.setObject(7, jobId);
            ps.executeUpdate();
        }
    }

    private static <T> java.sql.Array array(Connection c, String type, List<T> items, Function<T, Object> value)
            throws SQLException {
        return c.createArrayOf(type, items.stream().map(value).toArray());
    }
}
