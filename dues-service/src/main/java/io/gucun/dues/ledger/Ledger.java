package io.gucun.dues.ledger;

import io.gucun.common.problem.ApiException;
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
 * transaction, in JDBC batches (a bulk import or a rebate run posts thousands of legs at once).
 */
@ApplicationScoped
public class Ledger {

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
            Timestamp now = Timestamp.from(Instant.now());
            List<Optional<Posted>> result = new ArrayList<>(drafts.size());
            try (PreparedStatement ps = c.prepareStatement("insert into journal_entry (id, transaction_id, period, kind,"
                    + " description, source_ref, reverses_entry_id, posted_at, posted_by) values (?,?,?,?,?,?,?,?,?)"
                    + " on conflict do nothing")) {
                for (int i = 0; i < drafts.size(); i++) {
                    JournalDraft d = drafts.get(i);
                    ps.setLong(1, ids.get(i));
                    ps.setObject(2, UUID.randomUUID());
                    ps.setString(3, d.period().toString());
                    ps.setString(4, d.kind().name());
                    ps.setString(5, truncate(d.description(), 500));
                    ps.setString(6, d.sourceRef());
                    ps.setObject(7, d.reversesEntryId());
                    ps.setTimestamp(8, now);
                    ps.setString(9, truncate(postedBy, 100));
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int count : counts) {
                    result.add(count == 0 ? Optional.empty() : Optional.of(new Posted(0, null)));
                }
            }
            Map<Long, UUID> txIds = transactionIds(c, ids);
            try (PreparedStatement ps = c.prepareStatement("insert into journal_leg (entry_id, transaction_id, period,"
                    + " account_id, org_id, purpose, side, amount_fen) values (?,?,?,?,?,?,?,?)")) {
                int batched = 0;
                for (int i = 0; i < drafts.size(); i++) {
                    if (result.get(i).isEmpty()) {
                        continue;
                    }
                    long id = ids.get(i);
                    UUID tx = txIds.get(id);
                    result.set(i, Optional.of(new Posted(id, tx)));
                    JournalDraft d = drafts.get(i);
                    for (Leg leg : d.legs()) {
                        ps.setLong(1, id);
                        ps.setObject(2, tx);
                        ps.setString(3, d.period().toString());
                        ps.setLong(4, accounts.get(leg.orgId() + ":" + leg.purpose()));
                        ps.setLong(5, leg.orgId());
                        ps.setString(6, leg.purpose().name());
                        ps.setString(7, leg.side().name());
                        ps.setLong(8, leg.amountFen());
                        ps.addBatch();
                        if (++batched % 1000 == 0) {
                            ps.executeBatch();
                        }
                    }
                }
                ps.executeBatch();
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("posting failed", e);
        }
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
        try (PreparedStatement ps = c.prepareStatement(
                "select period from accounting_period where period = any(?) and status = 'CLOSED' order by period for share")) {
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

    /** Whether the period has been closed. */
    public boolean isClosed(Period period) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from accounting_period where period = ? and status = 'CLOSED'")) {
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

    /** Opens missing accounts of these orgs (an org may be used before its OrgCreated arrives) and maps "org:purpose" → id. */
    private static Map<String, Long> accountsOf(Connection c, Set<Long> orgs) throws SQLException {
        Array arr = c.createArrayOf("bigint", orgs.toArray());
        try (PreparedStatement ps = c.prepareStatement("insert into ledger_account (org_id, purpose, currency, opened_at)"
                + " select o, p, 'CNY', now() from unnest(?::bigint[]) o cross join unnest(?::varchar[]) p"
                + " on conflict (org_id, purpose) do nothing")) {
            ps.setArray(1, arr);
            ps.setArray(2, c.createArrayOf("varchar", java.util.Arrays.stream(AccountPurpose.values()).map(Enum::name).toArray()));
            ps.executeUpdate();
        }
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select id, org_id, purpose from ledger_account where org_id = any(?)")) {
            ps.setArray(1, arr);
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

    private static Map<Long, UUID> transactionIds(Connection c, List<Long> ids) throws SQLException {
        Map<Long, UUID> tx = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select id, transaction_id from journal_entry where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tx.put(rs.getLong(1), rs.getObject(2, UUID.class));
                }
            }
        }
        return tx;
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
