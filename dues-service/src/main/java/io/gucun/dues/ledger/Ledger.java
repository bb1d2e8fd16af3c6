package io.gucun.dues.ledger;

import io.gucun.common.problem.ApiException;
import io.gucun.common.time.BusinessTime;
import io.gucun.dues.ledger.JournalDraft.Leg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Posts journal entries: balanced, into open periods only, once per source reference, in the caller's
 * transaction, set-based: one statement per {@value #ROWS_PER_STATEMENT} entries or legs (a bulk import or a rebate
 * run posts tens of thousands of legs at once, and a batch of single-row inserts costs the database a statement each).
 */
@ApplicationScoped
public class Ledger {

    static final int ROWS_PER_STATEMENT = 20_000;

    /** A posted entry: its id and transaction id. */
    public record Posted(long entryId, UUID transactionId) {
    }

    /** A stored entry with its legs. */
    public record StoredEntry(long id, UUID transactionId, String period, EntryKind kind, String description,
                              String sourceRef, Long reversesEntryId, Long reversedByEntryId, Instant postedAt,
                              String postedBy, List<StoredLeg> legs) {
    }

    public record StoredLeg(long accountId, long orgId, AccountPurpose purpose, JournalDraft.Side side, long amountFen) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    BusinessTime time;

    /**
     * Posts every draft whose source reference has not been posted before; returns, per draft in order, the posted
     * entry or empty for a draft already on the ledger. 400 for an unbalanced draft, 422 for a closed period; nothing
     * is posted then (the caller's transaction rolls back).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Optional<Posted>> post(List<JournalDraft> drafts, String postedBy) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        drafts.forEach(d -> d.requireBalanced("legs"));
        Set<String> periods = new TreeSet<>();
        Set<Long> orgs = new TreeSet<>();
        for (JournalDraft d : drafts) {
            periods.add(d.period().toString());
            d.legs().forEach(l -> orgs.add(l.orgId()));
        }
        try (Connection c = dataSource.getConnection()) {
            requireOpen(c, periods);
            Map<String, Long> accounts = accountsOf(c, orgs);
            List<Long> ids = allocateEntryIds(c, drafts.size());
            Map<Long, UUID> posted = insertEntries(c, drafts, ids, postedBy, time.instant());
            List<Optional<Posted>> result = new ArrayList<>(drafts.size());
            LegRows legs = new LegRows();
            for (int i = 0; i < drafts.size(); i++) {
                long id = ids.get(i);
                UUID tx = posted.get(id);
                if (tx == null) {
                    result.add(Optional.empty());
                    continue;
                }
                result.add(Optional.of(new Posted(id, tx)));
                JournalDraft d = drafts.get(i);
                for (Leg leg : d.legs()) {
                    legs.add(id, tx, d.period().toString(), accounts.get(leg.orgId() + ":" + leg.purpose()), leg);
                    if (legs.size() == ROWS_PER_STATEMENT) {
                        legs.insert(c);
                    }
                }
            }
            legs.insert(c);
            return result;
        } catch (SQLException e) {
            throw overdrawn(e).orElseThrow(() -> new IllegalStateException("posting failed", e));
        }
    }

    /**
     * The database's own refusal to let CASH or BUDGET go below zero (constraint ledger_account_never_negative, kept by
     * a trigger on journal_leg) as a 422: code checks budgets first, this catches whatever they missed.
     */
    static Optional<ApiException> overdrawn(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23514".equals(s.getSQLState()) && String.valueOf(s.getMessage())
                    .contains("ledger_account_never_negative")) {
                return Optional.of(new ApiException(422, "insufficient-funds", "Rule violated",
                        "the posting would take a cash or budget account below zero; nothing was posted",
                        List.of(new io.gucun.common.problem.FieldError("amount", "exceeds the money available")), Map.of()));
            }
        }
        return Optional.empty();
    }

    /** Posts one draft; empty when its source reference was posted before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Posted> postOne(JournalDraft draft, String postedBy) {
        return post(List.of(draft), postedBy).getFirst();
    }

    /** 422 period-closed unless every period is open; opens periods seen for the first time. Holds a share lock until commit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireOpen(Set<String> periods) {
        try (Connection c = dataSource.getConnection()) {
            requireOpen(c, periods);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireOpen(Connection c, Set<String> periods) throws SQLException {
        Array arr = c.createArrayOf("varchar", periods.toArray());
        try (PreparedStatement ps = c.prepareStatement(
                "insert into accounting_period (period) select unnest(?::varchar[]) on conflict do nothing")) {
            ps.setArray(1, arr);
            ps.executeUpdate();
        }
        // A period before the last closed one is closed too: closing a month closes every month before it.
        try (PreparedStatement ps = c.prepareStatement("select period from accounting_period where period = any(?) and (status = 'CLOSED'"
                + " or period < (select max(period) from accounting_period where status = 'CLOSED')) order by period for share")) {
            ps.setArray(1, arr);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new ApiException(422, "period-closed", "Rule violated", "period " + rs.getString(1)
                            + " is closed; nothing can be posted into it", List.of(new io.gucun.common.problem.FieldError(
                            "period", "is closed")), Map.of("period", rs.getString(1)));
                }
            }
        }
        // Lock the open rows too, so a concurrent close waits for this posting to commit.
        try (PreparedStatement ps = c.prepareStatement("select 1 from accounting_period where period = any(?) for share")) {
            ps.setArray(1, arr);
            ps.executeQuery().close();
        }
    }

    /** Closes a period (idempotent); waits for postings in flight. Returns false when it was closed already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean close(Period period, String by) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into accounting_period (period) values (?) on conflict do nothing")) {
                ps.setString(1, period.toString());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("update accounting_period set status = 'CLOSED', closed_at = now(),"
                    + " closed_by = ? where period = ? and status = 'OPEN'")) {
                ps.setString(1, by);
                ps.setString(2, period.toString());
                return ps.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the period is closed: closed itself, or before a closed one. */
    public boolean isClosed(Period period) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from accounting_period where status = 'CLOSED' and period >= ?")) {
            ps.setString(1, period.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The period if it is still open, else the current month: where an event about a closed month is booked. */
    public Period openOrCurrent(Period period, java.time.Clock clock) {
        return isClosed(period) ? new Period(java.time.YearMonth.now(clock)) : period;
    }

    /**
     * Maps "org:purpose" → account id for these orgs, opening the accounts of orgs that have none yet (an org may be
     * used before its OrgCreated arrives). Reads first: a rebate run names thousands of orgs whose accounts exist.
     */
    private static Map<String, Long> accountsOf(Connection c, Set<Long> orgs) throws SQLException {
        Map<String, Long> ids = readAccounts(c, orgs);
        int purposes = AccountPurpose.values().length;
        List<Long> missing = orgs.stream().filter(o -> java.util.Arrays.stream(AccountPurpose.values())
                .anyMatch(p -> !ids.containsKey(o + ":" + p))).toList();
        if (missing.isEmpty()) {
            return ids;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into ledger_account (org_id, purpose, currency, opened_at)"
                + " select o, p, 'CNY', now() from unnest(?::bigint[]) o cross join unnest(?::varchar[]) p"
                + " on conflict (org_id, purpose) do nothing")) {
            ps.setArray(1, c.createArrayOf("bigint", missing.toArray()));
            ps.setArray(2, c.createArrayOf("varchar", java.util.Arrays.stream(AccountPurpose.values()).map(Enum::name).toArray()));
            ps.executeUpdate();
        }
        ids.putAll(readAccounts(c, new TreeSet<>(missing)));
        if (ids.size() < orgs.size() * purposes) {
            throw new IllegalStateException("accounts missing after opening them for orgs " + missing);
        }
        return ids;
    }

    private static Map<String, Long> readAccounts(Connection c, Set<Long> orgs) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select id, org_id, purpose from ledger_account where org_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", orgs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getLong(2) + ":" + rs.getString(3), rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static List<Long> allocateEntryIds(Connection c, int n) throws SQLException {
        List<Long> ids = new ArrayList<>(n);
        try (PreparedStatement ps = c.prepareStatement(
                "select nextval(pg_get_serial_sequence('journal_entry', 'id')) from generate_series(1, ?)")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /**
     * Inserts the entries in one statement per chunk; a source reference (or a reversed entry) already on the ledger,
     * or met earlier in the same list, inserts nothing. Returns the inserted ids with their transaction ids.
     */
    private static Map<Long, UUID> insertEntries(Connection c, List<JournalDraft> drafts, List<Long> ids, String postedBy,
                                                  Instant postedAt)
            throws SQLException {
        Map<Long, UUID> posted = new HashMap<>();
        Timestamp now = Timestamp.from(postedAt);
        try (PreparedStatement ps = c.prepareStatement("insert into journal_entry (id, transaction_id, period, kind,"
                + " description, source_ref, reverses_entry_id, posted_at, posted_by)"
                + " select d.id, d.tx, d.period, d.kind, d.description, d.source_ref, d.reverses, ?, ?"
                + " from unnest(?::bigint[], ?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[])"
                + " with ordinality as d(id, tx, period, kind, description, source_ref, reverses, n)"
                + " order by d.n on conflict do nothing returning id, transaction_id")) {
            for (int from = 0; from < drafts.size(); from += ROWS_PER_STATEMENT) {
                int to = Math.min(drafts.size(), from + ROWS_PER_STATEMENT);
                int n = to - from;
                Object[] id = new Object[n];
                Object[] tx = new Object[n];
                Object[] period = new Object[n];
                Object[] kind = new Object[n];
                Object[] description = new Object[n];
                Object[] sourceRef = new Object[n];
                Object[] reverses = new Object[n];
                for (int i = 0; i < n; i++) {
                    JournalDraft d = drafts.get(from + i);
                    id[i] = ids.get(from + i);
                    tx[i] = UUID.randomUUID();
                    period[i] = d.period().toString();
                    kind[i] = d.kind().name();
                    description[i] = truncate(d.description(), 500);
                    sourceRef[i] = d.sourceRef();
                    reverses[i] = d.reversesEntryId();
                }
                ps.setTimestamp(1, now);
                ps.setString(2, truncate(postedBy, 100));
                ps.setArray(3, c.createArrayOf("bigint", id));
                ps.setArray(4, c.createArrayOf("uuid", tx));
                ps.setArray(5, c.createArrayOf("varchar", period));
                ps.setArray(6, c.createArrayOf("varchar", kind));
                ps.setArray(7, c.createArrayOf("varchar", description));
                ps.setArray(8, c.createArrayOf("varchar", sourceRef));
                ps.setArray(9, c.createArrayOf("bigint", reverses));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        posted.put(rs.getLong(1), rs.getObject(2, UUID.class));
                    }
                }
            }
        }
        return posted;
    }

    /** Legs gathered column by column and inserted with one statement (a rebate run posts tens of thousands). */
    private static final class LegRows {
        private final List<Object> entry = new ArrayList<>();
        private final List<Object> tx = new ArrayList<>();
        private final List<Object> period = new ArrayList<>();
        private final List<Object> account = new ArrayList<>();
        private final List<Object> org = new ArrayList<>();
        private final List<Object> purpose = new ArrayList<>();
        private final List<Object> side = new ArrayList<>();
        private final List<Object> amount = new ArrayList<>();

        void add(long entryId, UUID transactionId, String entryPeriod, long accountId, Leg leg) {
            entry.add(entryId);
            tx.add(transactionId);
            period.add(entryPeriod);
            account.add(accountId);
            org.add(leg.orgId());
            purpose.add(leg.purpose().name());
            side.add(leg.side().name());
            amount.add(leg.amountFen());
        }

        int size() {
            return entry.size();
        }

        void insert(Connection c) throws SQLException {
            if (entry.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("insert into journal_leg (entry_id, transaction_id, period,"
                    + " account_id, org_id, purpose, side, amount_fen) select * from unnest(?::bigint[], ?::uuid[],"
                    + " ?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[], ?::bigint[])")) {
                ps.setArray(1, c.createArrayOf("bigint", entry.toArray()));
                ps.setArray(2, c.createArrayOf("uuid", tx.toArray()));
                ps.setArray(3, c.createArrayOf("varchar", period.toArray()));
                ps.setArray(4, c.createArrayOf("bigint", account.toArray()));
                ps.setArray(5, c.createArrayOf("bigint", org.toArray()));
                ps.setArray(6, c.createArrayOf("varchar", purpose.toArray()));
                ps.setArray(7, c.createArrayOf("varchar", side.toArray()));
                ps.setArray(8, c.createArrayOf("bigint", amount.toArray()));
                ps.executeUpdate();
            }
            for (List<Object> column : List.of(entry, tx, period, account, org, purpose, side, amount)) {
                column.clear();
            }
        }
    }

    /** One entry with its legs, or empty. */
    public Optional<StoredEntry> entry(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select e.id, e.transaction_id, e.period, e.kind, e.description,"
                     + " e.source_ref, e.reverses_entry_id, r.id, e.posted_at, e.posted_by from journal_entry e"
                     + " left join journal_entry r on r.reverses_entry_id = e.id where e.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredEntry(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                        EntryKind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                        (Long) rs.getObject(7), (Long) rs.getObject(8), rs.getTimestamp(9).toInstant(), rs.getString(10),
                        legs(c, id)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<StoredLeg> legs(Connection c, long entryId) throws SQLException {
        List<StoredLeg> legs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select account_id, org_id, purpose, side, amount_fen from journal_leg"
                + " where entry_id = ? order by id")) {
            ps.setLong(1, entryId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    legs.add(new StoredLeg(rs.getLong(1), rs.getLong(2), AccountPurpose.valueOf(rs.getString(3)),
                            JournalDraft.Side.valueOf(rs.getString(4)), rs.getLong(5)));
                }
            }
        }
        return legs;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
