package io.gucun.dues.collection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.money.Money;
import io.gucun.common.feed.ChangeFeed;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.replica.KnownEnterprise;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.Roles;
import io.gucun.dues.collection.CollectionDtos.RowResult;
import io.gucun.dues.collection.CollectionDtos.RowStatus;
import io.gucun.dues.collection.CollectionRules.CheckedRow;
import io.gucun.dues.collection.CollectionRules.RawRow;
import io.gucun.dues.ledger.JournalDraft;
import io.gucun.dues.ledger.Ledger;
import io.gucun.dues.ledger.Period;
import io.gucun.dues.ledger.Postings;
import io.gucun.dues.org.Orgs;
import io.gucun.dues.partner.PartnerFeeds;
import io.gucun.events.dues.CollectionEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Ingests union-fund collection records: each good record is stored, posted to the collecting org's ledger and
 * announced (FundsCollected) in one transaction; bad records are rejected with reasons; a partner reference seen
 * before is reported as a duplicate and posts nothing.
 */
@ApplicationScoped
public class CollectionService {

    static final String PERIOD_CLOSED = "is closed; nothing can be posted into it";
    static final String REFERENCE_REUSED = "was posted before for a different record (enterprise, period or amounts); "
            + "a correction needs a new reference";

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager em;

    @Inject
    Ledger ledger;

    @Inject
    Outbox outbox;

    @Inject
    CallerScope caller;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Inject
    Orgs orgs;

    @Inject
    ChangeFeed feeds;

    @Inject
    Suspense suspense;

    /**
     * Where an accepted record goes: the collecting org of a registered enterprise, or (enterprise null) the suspense
     * org's SUSPENSE account for a firm the union has not registered.
     */
    private record Routed(CheckedRow row, KnownEnterprise enterprise, long collectingOrgId, String suspenseOrgPath) {
        boolean suspended() {
            return enterprise == null;
        }
    }

    private CollectionDtos.ImportView ingestRows(String format, List<RawRow> rows) {
        Instant now = Instant.now(clock);
        long importId = newImport(format, now, rows.size());
        return finish(importId, format, now, post(importId, now, rows));
    }

    /**
     * Posts a chunk of records into import {@code importId} (in the caller's transaction) and answers each record's
     * result, by line. A partner reference already posted (in an earlier chunk, or an earlier import) posts nothing.
     */
    public List<RowResult> post(long importId, Instant now, List<RawRow> rows) {
        Map<Integer, RowResult> results = new LinkedHashMap<>();
        List<CheckedRow> checked = new ArrayList<>();
        for (RawRow raw : rows) {
            CollectionRules.Result r = CollectionRules.check(raw, clock);
            if (r.ok()) {
                checked.add(r.row());
            } else {
                results.put(raw.line(), rejected(raw.line(), raw.partnerReference(), r.errors()));
            }
        }
        // A record for a closed period is a rejected row like any other bad record; the others still post.
        Map<String, Boolean> closed = new HashMap<>();
        List<CheckedRow> open = new ArrayList<>();
        for (CheckedRow row : checked) {
            if (closed.computeIfAbsent(row.period().toString(), p -> ledger.isClosed(row.period()))) {
                results.put(row.line(), rejected(row.line(), row.partnerReference(), List.of(new FieldError("period", PERIOD_CLOSED))));
            } else {
                open.add(row);
            }
        }
        checked = open;
        Map<String, KnownEnterprise> enterprises = enterprises(checked.stream().map(CheckedRow::creditCode).distinct().toList());
        Map<Long, Optional<KnownOrg>> orgOf = new HashMap<>();
        Map<Long, Optional<Long>> collectingOf = new HashMap<>();
        Map<String, Integer> seenRefs = new HashMap<>();
        Map<String, CheckedRow> firstRows = new HashMap<>();
        List<Routed> accepted = new ArrayList<>();
        Optional<KnownOrg> suspenseOrg = checked.stream().anyMatch(r -> !enterprises.containsKey(r.creditCode()))
                ? suspense.org() : Optional.empty();
        for (CheckedRow row : checked) {
            KnownEnterprise e = enterprises.get(row.creditCode());
            long collectingOrgId;
            String suspensePath = null;
            if (e == null) {
                // A blind spot: the money is held in suspense (and outreach told) rather than refused.
                if (suspenseOrg.isEmpty()) {
                    results.put(row.line(), rejected(row.line(), row.partnerReference(), List.of(new FieldError("creditCode",
                            "names no enterprise registered with the union yet, and the suspense org is not known here yet;"
                                    + " send the record again later"))));
                    continue;
                }
                if (!caller.hasRole(Roles.PARTNER_TAX) && !caller.covers(suspenseOrg.get().path)) {
                    results.put(row.line(), rejected(row.line(), row.partnerReference(), List.of(new FieldError("creditCode",
                            "names no enterprise registered with the union yet; only the tax partner or an officer over"
                                    + " the suspense org may post it to suspense"))));
                    continue;
                }
                collectingOrgId = suspenseOrg.get().id;
                suspensePath = suspenseOrg.get().path;
            } else {
                Optional<KnownOrg> org = orgOf.computeIfAbsent(e.orgId, id -> Optional.ofNullable(KnownOrg.findById(id)));
                Optional<Long> collecting = collectingOf.computeIfAbsent(e.orgId, id -> org
                        .flatMap(o -> CollectionRules.collectingOrg(Orgs.ancestorsOrSelf(o.path))).map(o -> o.id));
                if (collecting.isEmpty()) {
                    results.put(row.line(), rejected(row.line(), row.partnerReference(), List.of(new FieldError("creditCode",
                            "the enterprise's organization is not known here yet; send the record again later"))));
                    continue;
                }
                if (!caller.hasRole(Roles.PARTNER_TAX) && !caller.covers(org.get().path)) {
                    results.put(row.line(), rejected(row.line(), row.partnerReference(), List.of(new FieldError("creditCode",
                            "the enterprise is outside your organization scope"))));
                    continue;
                }
                collectingOrgId = collecting.get();
            }
            Integer first = seenRefs.putIfAbsent(row.partnerReference(), row.line());
            CheckedRow firstRow = firstRows.putIfAbsent(row.partnerReference(), row);
            if (firstRow != null && !sameRecord(firstRow, row.creditCode(), row.period().toString(), row.payrollBaseFen(), row.amountFen())) {
                results.put(row.line(), rejected(row.line(), row.partnerReference(), List.of(new FieldError("partnerReference",
                        REFERENCE_REUSED + " (the record at line " + first + ")"))));
                continue;
            }
            if (first != null) {
                results.put(row.line(), new RowResult(row.line(), row.partnerReference(), RowStatus.DUPLICATE, row.flagged(),
                        Money.format(row.amountFen()), Money.format(row.expectedFen()), null, e == null ? null : e.id,
                        collectingOrgId, List.of(new FieldError("partnerReference", "repeats the record at line " + first))));
                continue;
            }
            accepted.add(new Routed(row, e, collectingOrgId, suspensePath));
        }
        Map<String, Long> inserted = insertCollections(accepted, importId, now);
        Map<String, StoredRecord> earlier = storedRecords(accepted.stream().map(r -> r.row().partnerReference())
                .filter(ref -> !inserted.containsKey(ref)).toList());
        List<JournalDraft> drafts = new ArrayList<>();
        List<Routed> posted = new ArrayList<>();
        for (Routed r : accepted) {
            Long id = inserted.get(r.row().partnerReference());
            CheckedRow row = r.row();
            StoredRecord stored = id == null ? earlier.get(row.partnerReference()) : null;
            if (stored != null && !sameRecord(row, stored.creditCode(), stored.period(), stored.payrollBaseFen(), stored.amountFen())) {
                results.put(row.line(), rejected(row.line(), row.partnerReference(), List.of(new FieldError("partnerReference",
                        REFERENCE_REUSED))));
                continue;
            }
            if (id == null) {
                results.put(row.line(), new RowResult(row.line(), row.partnerReference(), RowStatus.DUPLICATE, row.flagged(),
                        Money.format(row.amountFen()), Money.format(row.expectedFen()), stored == null ? null : stored.id(),
                        r.suspended() ? null : r.enterprise().id, r.collectingOrgId(),
                        List.of(new FieldError("partnerReference", "was posted before; nothing posted again"))));
                continue;
            }
            posted.add(r);
            drafts.add(r.suspended()
                    ? Postings.suspendedCollection(r.collectingOrgId(), row.period(), row.amountFen(), "collection:"
                    + row.partnerReference(), "union fund " + row.period() + " from " + row.creditCode() + " ("
                    + row.partnerReference() + "), a firm the union has not registered: held in suspense")
                    : Postings.collection(r.collectingOrgId(), row.period(), row.amountFen(), "collection:" + row.partnerReference(),
                    "union fund " + row.period() + " from " + row.creditCode() + " (" + row.partnerReference() + ")"));
        }
        List<Optional<Ledger.Posted>> entries = ledger.post(drafts, caller.username());
        for (int i = 0; i < posted.size(); i++) {
            Routed r = posted.get(i);
            CheckedRow row = r.row();
            long id = inserted.get(row.partnerReference());
            Ledger.Posted entry = entries.get(i).orElseThrow(() -> new IllegalStateException("collection posted twice"));
            if (r.suspended()) {
                outbox.record(CollectionEvents.AGGREGATE, id, "CollectionSuspended", new CollectionEvents.CollectionSuspended(id,
                        row.partnerReference(), row.creditCode(), row.period().month(), Money.format(row.payrollBaseFen()),
                        Money.format(row.amountFen()), Money.CURRENCY, r.collectingOrgId(), r.suspenseOrgPath(),
                        entry.entryId(), entry.transactionId()));
                results.put(row.line(), new RowResult(row.line(), row.partnerReference(), RowStatus.SUSPENDED, row.flagged(),
                        Money.format(row.amountFen()), Money.format(row.expectedFen()), id, null, r.collectingOrgId(),
                        List.of(new FieldError("creditCode", "names no enterprise registered with the union yet; held in "
                                + "suspense at org " + r.collectingOrgId() + " until the firm is registered"))));
                continue;
            }
            outbox.record(CollectionEvents.AGGREGATE, id, "FundsCollected", new CollectionEvents.FundsCollected(id,
                    row.partnerReference(), r.enterprise().id, row.creditCode(), row.period().month(),
                    Money.format(row.payrollBaseFen()), Money.format(row.amountFen()), Money.format(row.expectedFen()),
                    row.flagged(), Money.CURRENCY, r.collectingOrgId(), r.enterprise().orgId, entry.entryId(),
                    entry.transactionId()));
            results.put(row.line(), new RowResult(row.line(), row.partnerReference(), RowStatus.POSTED, row.flagged(),
                    Money.format(row.amountFen()), Money.format(row.expectedFen()), id, r.enterprise().id, r.collectingOrgId(),
                    row.flagged() ? List.of(new FieldError("amount", "is not 2% of the payroll base ("
                            + Money.format(row.expectedFen()) + "); posted and flagged for review")) : List.of()));
        }
        return results.values().stream().sorted(java.util.Comparator.comparingInt(RowResult::line)).toList();
    }

    /** What was stored for a partner reference: a record sent again under it must say the same. */
    private record StoredRecord(long id, String creditCode, String period, long payrollBaseFen, long amountFen) {
    }

    static boolean sameRecord(CheckedRow row, String creditCode, String period, long payrollBaseFen, long amountFen) {
        return row.creditCode().equals(creditCode) && row.period().toString().equals(period)
                && row.payrollBaseFen() == payrollBaseFen && row.amountFen() == amountFen;
    }

    private Map<String, StoredRecord> storedRecords(List<String> refs) {
        Map<String, StoredRecord> stored = new HashMap<>();
        if (refs.isEmpty()) {
            return stored;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select partner_ref,"
                + " id, credit_code, period, payroll_base_fen, amount_fen from fund_collection where partner_ref = any(?)")) {
            ps.setArray(1, c.createArrayOf("varchar", refs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), new StoredRecord(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getLong(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading earlier collections failed", e);
        }
        return stored;
    }

    /** One record: 400 naming the fields when it is rejected (and nothing is kept); posted or duplicate otherwise. */
    @Transactional
    public CollectionDtos.ImportView single(RawRow row) {
        CollectionDtos.ImportView view = ingestRows("SINGLE", List.of(row));
        RowResult result = view.results().getFirst();
        if (result.status() == RowStatus.REJECTED) {
            if (result.errors().size() == 1 && PERIOD_CLOSED.equals(result.errors().getFirst().message())) {
                throw new ApiException(422, "period-closed", "Rule violated", "period " + row.period() + " is closed; nothing "
                        + "can be posted into it", result.errors(), Map.of("period", row.period().trim()));
            }
            if (result.errors().size() == 1 && result.errors().getFirst().message().startsWith(REFERENCE_REUSED)) {
                throw new ApiException(409, "partner-reference-reused", "Conflict", "partner reference "
                        + row.partnerReference().trim() + " was posted before for a different record; nothing posted",
                        result.errors(), null);
            }
            throw ApiException.invalid(result.errors());
        }
        return view;
    }

    private static RowResult rejected(int line, String ref, List<FieldError> errors) {
        return new RowResult(line, ref, RowStatus.REJECTED, false, null, null, null, null, null, errors);
    }

    private Map<String, KnownEnterprise> enterprises(List<String> codes) {
        Map<String, KnownEnterprise> byCode = new HashMap<>();
        for (int from = 0; from < codes.size(); from += 5000) {
            KnownEnterprise.<KnownEnterprise>list("creditCode in ?1", codes.subList(from, Math.min(codes.size(), from + 5000)))
                    .forEach(e -> byCode.put(e.creditCode, e));
        }
        return byCode;
    }

    /** Opens an import (its records are posted chunk by chunk) and answers its id. */
    public long newImport(String format, Instant now, long rowCount) {
        return ((Number) em.createNativeQuery("insert into collection_import (submitted_by, format, received_at, row_count,"
                        + " posted, duplicates, rejected, flagged, results) values (?1, ?2, ?3, ?4, 0, 0, 0, 0, '[]') returning id")
                .setParameter(1, caller.username()).setParameter(2, format).setParameter(3, now).setParameter(4, rowCount)
                .getSingleResult()).longValue();
    }

    /** Inserts the records whose partner reference is new; maps each inserted reference to its collection id. */
    private Map<String, Long> insertCollections(List<Routed> accepted, long importId, Instant now) {
        Map<String, Long> ids = new HashMap<>();
        if (accepted.isEmpty()) {
            return ids;
        }
        em.flush();
        Object[] refs = accepted.stream().map(r -> r.row().partnerReference()).toArray();
        try (Connection c = dataSource.getConnection()) {
            // An earlier chunk of the same import may have posted a reference again in this one: only the rows this
            // statement inserts are new (the import id alone no longer tells them apart).
            java.util.Set<String> before = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("select partner_ref from fund_collection where partner_ref = any(?)")) {
                ps.setArray(1, c.createArrayOf("varchar", refs));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        before.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into fund_collection (partner_ref, enterprise_id, credit_code,"
                    + " period, payroll_base_fen, amount_fen, expected_fen, flagged, collecting_org_id, enterprise_org_id, import_id,"
                    + " received_at, status, suspense_org_id) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    + " on conflict (partner_ref) do nothing")) {
                Timestamp ts = Timestamp.from(now);
                for (Routed r : accepted) {
                    CheckedRow row = r.row();
                    ps.setString(1, row.partnerReference());
                    ps.setObject(2, r.suspended() ? null : r.enterprise().id, java.sql.Types.BIGINT);
                    ps.setString(3, row.creditCode());
                    ps.setString(4, row.period().toString());
                    ps.setLong(5, row.payrollBaseFen());
                    ps.setLong(6, row.amountFen());
                    ps.setLong(7, row.expectedFen());
                    ps.setBoolean(8, row.flagged());
                    ps.setLong(9, r.collectingOrgId());
                    ps.setObject(10, r.suspended() ? null : r.enterprise().orgId, java.sql.Types.BIGINT);
                    ps.setLong(11, importId);
                    ps.setTimestamp(12, ts);
                    ps.setString(13, r.suspended() ? "SUSPENDED" : "POSTED");
                    ps.setObject(14, r.suspended() ? r.collectingOrgId() : null, java.sql.Types.BIGINT);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("select partner_ref, id from fund_collection where import_id = ?"
                    + " and partner_ref = any(?)")) {
                ps.setLong(1, importId);
                ps.setArray(2, c.createArrayOf("varchar", refs));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!before.contains(rs.getString(1))) {
                            ids.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing collections failed", e);
        }
        return ids;
    }

    private CollectionDtos.ImportView finish(long importId, String format, Instant now, List<RowResult> results) {
        CollectionDtos.Counts n = CollectionDtos.Counts.of(results);
        int posted = n.posted();
        int duplicates = n.duplicates();
        int rejected = n.rejected();
        int flagged = n.flagged();
        try {
            em.createNativeQuery("update collection_import set posted = ?1, duplicates = ?2, rejected = ?3, flagged = ?4,"
                            + " results = cast(?5 as jsonb) where id = ?6")
                    .setParameter(1, posted).setParameter(2, duplicates).setParameter(3, rejected).setParameter(4, flagged)
                    .setParameter(5, mapper.writeValueAsString(results)).setParameter(6, importId).executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        CollectionDtos.ImportView view = new CollectionDtos.ImportView(importId, caller.username(), format, now, results.size(),
                posted, duplicates, rejected, flagged, results);
        if (caller.hasRole(Roles.PARTNER_TAX)) {
            // In this transaction: a submission refused as a whole (a bad single record) leaves no item either.
            feeds.append(PartnerFeeds.COLLECTION_IMPORTS, PartnerFeeds.importItemId(importId), PartnerFeeds.COLLECTION_IMPORT_PROCESSED,
                    String.valueOf(importId), CollectionDtos.ImportResult.of(view), now.atOffset(ZoneOffset.UTC));
        }
        return view;
    }

    /** In a chunk's transaction: the import's counts grow by the chunk's, so the import shows its progress too. */
    public void addCounts(long importId, CollectionDtos.Counts n) {
        em.createNativeQuery("update collection_import set posted = posted + ?1, duplicates = duplicates + ?2,"
                        + " rejected = rejected + ?3, flagged = flagged + ?4 where id = ?5")
                .setParameter(1, n.posted()).setParameter(2, n.duplicates()).setParameter(3, n.rejected())
                .setParameter(4, n.flagged()).setParameter(5, importId).executeUpdate();
    }

    /**
     * In the last transaction of an import job: gathers the chunks' results into the import (by line, in the database,
     * not in memory), tells the tax partner through its feed, and answers the result the job shows.
     */
    public CollectionDtos.ImportResult complete(long importId, java.util.UUID jobId) {
        em.createNativeQuery("update collection_import set results = coalesce((select jsonb_agg(r order by (r->>'line')::int)"
                + " from dues_job_chunk ch, jsonb_array_elements(ch.results) r where ch.job_id = ?1), '[]'::jsonb)"
                + " where id = ?2").setParameter(1, jobId).setParameter(2, importId).executeUpdate();
        Object[] r = (Object[]) em.createNativeQuery("select format, received_at, row_count, posted, duplicates, rejected,"
                + " flagged from collection_import where id = ?1").setParameter(1, importId).getSingleResult();
        @SuppressWarnings("unchecked")
        List<String> exceptions = em.createNativeQuery("select cast(e as text) from collection_import i,"
                        + " jsonb_array_elements(i.results) with ordinality as x(e, n) where i.id = ?1 and (e->>'status' <> 'POSTED'"
                        + " or (e->>'flagged')::boolean) order by n limit " + (CollectionDtos.ImportResult.MAX_EXCEPTIONS + 1))
                .setParameter(1, importId).getResultList();
        Instant receivedAt = io.gucun.dues.ledger.LedgerTimes.instant(r[1]);
        CollectionDtos.ImportResult result = CollectionDtos.ImportResult.of(new CollectionDtos.ImportSummary(importId,
                caller.username(), (String) r[0], receivedAt, ((Number) r[2]).intValue(), ((Number) r[3]).intValue(),
                ((Number) r[4]).intValue(), ((Number) r[5]).intValue(), ((Number) r[6]).intValue()),
                exceptions.stream().map(this::rowResult).toList());
        if (caller.hasRole(Roles.PARTNER_TAX)) {
            feeds.append(PartnerFeeds.COLLECTION_IMPORTS, PartnerFeeds.importItemId(importId), PartnerFeeds.COLLECTION_IMPORT_PROCESSED,
                    String.valueOf(importId), result, Instant.now(clock).atOffset(ZoneOffset.UTC));
        }
        return result;
    }

    private RowResult rowResult(String json) {
        try {
            return mapper.readValue(json, RowResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An import, for its submitter or an admin; 404 for anyone else (another partner's imports are not revealed). */
    public CollectionDtos.ImportView importOf(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, submitted_by, format, received_at, row_count, posted, duplicates,"
                + " rejected, flagged, cast(results as text) from collection_import where id = ?1").setParameter(1, id).getResultList();
        if (rows.isEmpty() || !(caller.isAdmin() || caller.username().equals(rows.getFirst()[1]))) {
            throw ApiException.notFound("collection import", id);
        }
        Object[] r = rows.getFirst();
        try {
            List<RowResult> results = mapper.readValue((String) r[9], new TypeReference<>() {
            });
            return new CollectionDtos.ImportView(((Number) r[0]).longValue(), (String) r[1], (String) r[2], io.gucun.dues.ledger.LedgerTimes.instant(r[3]),
                    ((Number) r[4]).intValue(), ((Number) r[5]).intValue(), ((Number) r[6]).intValue(),
                    ((Number) r[7]).intValue(), ((Number) r[8]).intValue(), results);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The caller's own imports (all imports for an admin), newest first. */
    @SuppressWarnings("unchecked")
    public Page<CollectionDtos.ImportSummary> imports(PageRequest page) {
        String where = caller.isAdmin() ? "" : " where submitted_by = ?1";
        var q = em.createNativeQuery("select id, submitted_by, format, received_at, row_count, posted, duplicates, rejected,"
                + " flagged from collection_import" + where + " order by id desc limit " + page.size() + " offset " + page.offset());
        var n = em.createNativeQuery("select count(*) from collection_import" + where);
        if (!caller.isAdmin()) {
            q.setParameter(1, caller.username());
            n.setParameter(1, caller.username());
        }
        List<CollectionDtos.ImportSummary> items = ((List<Object[]>) q.getResultList()).stream()
                .map(r -> new CollectionDtos.ImportSummary(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                        io.gucun.dues.ledger.LedgerTimes.instant(r[3]), ((Number) r[4]).intValue(), ((Number) r[5]).intValue(), ((Number) r[6]).intValue(),
                        ((Number) r[7]).intValue(), ((Number) r[8]).intValue())).toList();
        return new Page<>(items, page.page(), page.size(), ((Number) n.getSingleResult()).longValue());
    }

    /** Collections made by orgs in the subtree of {@code orgId}, optionally for one period, oldest first. */
    @SuppressWarnings("unchecked")
    public Page<CollectionDtos.CollectionView> collections(long orgId, String rawPeriod, PageRequest page) {
        KnownOrg org = orgs.visible(orgId);
        String period = rawPeriod == null || rawPeriod.isBlank() ? null : Period.parse("period", rawPeriod, clock).toString();
        String where = " from fund_collection c join known_org o on o.id = c.collecting_org_id where o.path <@ cast(?1 as ltree)"
                + " and c.status = 'POSTED'" // suspended money is listed by GET /suspense
                + (period == null ? "" : " and c.period = ?2");
        var q = em.createNativeQuery("select c.id, c.partner_ref, c.enterprise_id, c.credit_code, c.period, c.payroll_base_fen,"
                + " c.amount_fen, c.expected_fen, c.flagged, c.collecting_org_id, c.enterprise_org_id, c.import_id, c.received_at"
                + where + " order by c.id limit " + page.size() + " offset " + page.offset()).setParameter(1, org.path);
        var n = em.createNativeQuery("select count(*)" + where).setParameter(1, org.path);
        if (period != null) {
            q.setParameter(2, period);
            n.setParameter(2, period);
        }
        List<CollectionDtos.CollectionView> items = ((List<Object[]>) q.getResultList()).stream()
                .map(r -> new CollectionDtos.CollectionView(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).longValue(),
                        (String) r[3], (String) r[4], Money.format(((Number) r[5]).longValue()),
                        Money.format(((Number) r[6]).longValue()), Money.format(((Number) r[7]).longValue()), (Boolean) r[8],
                        ((Number) r[9]).longValue(), ((Number) r[10]).longValue(), ((Number) r[11]).longValue(), io.gucun.dues.ledger.LedgerTimes.instant(r[12]),
                        Money.CURRENCY)).toList();
        return new Page<>(items, page.page(), page.size(), ((Number) n.getSingleResult()).longValue());
    }
}
