package io.gucun.e2e.faults;

import io.gucun.launcher.Stack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What users rely on after faults, read from the services' own databases once the system is quiet: every acknowledged
 * write is there, every event took effect exactly once, nothing is left unpublished, the ledger balances. Nothing here
 * compares with a hard-coded result: every expectation comes from what the load recorded or from another service.
 */
final class Checks {

    private Checks() {
    }

    /** One run of the checks: each figure by name, and the names of those that are wrong. */
    record Outcome(Map<String, Long> figures, List<String> wrong) {
        long get(String name) {
            return figures.getOrDefault(name, -1L);
        }

        boolean ok() {
            return wrong.isEmpty();
        }

        long lost() {
            return get("lost registrations") + get("lost sign-ups") + get("lost collections");
        }

        long duplicates() {
            return get("duplicate processed events") + get("duplicate subsidy postings") + get("duplicate collection postings")
                    + get("duplicate members of sign-ups");
        }
    }

    /**
     * Waits until the system is quiet (outboxes drained, dues and outreach caught up with membership's MemberJoined
     * events, sign-ups delivered), up to {@code timeout}, then returns the checks as they stand.
     */
    static Outcome awaitQuiescence(Stack stack, Load load, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Outcome o;
        while (true) {
            retryPendingSignUps(load);
            o = run(stack, load);
            if (o.ok() || System.nanoTime() > deadline) {
                return o;
            }
            Thread.sleep(2000);
        }
    }

    /** What the officer does about sign-ups that membership could not take while it was down: deliver them again. */
    private static void retryPendingSignUps(Load load) {
        try {
            load.call("POST", "/api/outreach/sign-ups/retry?orgId=" + load.orgId, "officer.gucun", null);
        } catch (Exception e) {
            // retried on the next round
        }
    }

    static Outcome run(Stack stack, Load load) throws Exception {
        Map<String, Long> f = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        List<Load.Registration> registrations = List.copyOf(load.registrations);
        List<Load.SignUp> signUps = List.copyOf(load.signUps);
        List<Load.Collection> collections = List.copyOf(load.collections);
        f.put("acknowledged registrations", (long) registrations.size());
        f.put("acknowledged sign-ups", (long) signUps.size());
        f.put("acknowledged collections", (long) collections.size());

        long unpublished = 0;
        long outboxEvents = 0;
        long duplicateProcessed = 0;
        long processedRows = 0;
        for (String service : Stack.SERVICES) {
            try (Connection c = connect(stack, service)) {
                unpublished += count(c, "select count(*) from outbox_event where published_at is null");
                outboxEvents += count(c, "select count(*) from outbox_event");
                processedRows += count(c, "select count(*) from processed_event");
                duplicateProcessed += count(c, "select count(*) from (select consumer, event_id from processed_event"
                        + " group by consumer, event_id having count(*) > 1) d");
            }
        }
        f.put("events in the outboxes", outboxEvents);
        f.put("unpublished outbox events", unpublished);
        f.put("processed-event rows", processedRows);
        f.put("duplicate processed events", duplicateProcessed);
        expectZero(f, wrong, "unpublished outbox events");
        expectZero(f, wrong, "duplicate processed events");

        // membership: every acknowledged registration is an active member of the load's org
        Set<Long> joinedIds = new HashSet<>();
        List<String> joinedEventIds = new ArrayList<>();
        Set<Long> activeMembers = new HashSet<>();
        try (Connection c = connect(stack, "membership")) {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select id from member where status = 'ACTIVE'")) {
                while (rs.next()) {
                    activeMembers.add(rs.getLong(1));
                }
            }
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select event_id, aggregate_id from outbox_event where event_type = 'MemberJoined'")) {
                while (rs.next()) {
                    joinedEventIds.add(rs.getString(1));
                    joinedIds.add(Long.parseLong(rs.getString(2)));
                }
            }
        }
        f.put("lost registrations", registrations.stream().filter(r -> !activeMembers.contains(r.memberId())).count());
        expectZero(f, wrong, "lost registrations");
        f.put("MemberJoined events", (long) joinedEventIds.size());
        f.put("members joined", (long) joinedIds.size());

        // outreach: every acknowledged sign-up is stored, and delivered to membership as exactly one member
        Map<String, Long> memberOfSignUp = new LinkedHashMap<>();
        long pending = 0;
        long outreachJoined;
        long outreachProcessedJoined;
        try (Connection c = connect(stack, "outreach")) {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select id, status, member_id from sign_up where event_id = " + load.eventId)) {
                while (rs.next()) {
                    long member = rs.getLong(3);
                    memberOfSignUp.put(rs.getString(1), rs.wasNull() ? null : member);
                    if (rs.getString(2).equals("PENDING")) {
                        pending++;
                    }
                }
            }
            outreachJoined = count(c, "select count(*) from joined_member");
            outreachProcessedJoined = processedOf(c, "outreach.membership-member", joinedEventIds);
        }
        f.put("lost sign-ups", signUps.stream().filter(s -> !memberOfSignUp.containsKey(s.id().toString())).count());
        expectZero(f, wrong, "lost sign-ups");
        f.put("sign-ups still pending", pending);
        expectZero(f, wrong, "sign-ups still pending");
        List<Long> signUpMembers = signUps.stream().map(s -> memberOfSignUp.get(s.id().toString())).toList();
        f.put("sign-ups without an active member", signUpMembers.stream().filter(m -> m == null || !activeMembers.contains(m)).count());
        expectZero(f, wrong, "sign-ups without an active member");
        List<Long> delivered = signUpMembers.stream().filter(java.util.Objects::nonNull).toList();
        f.put("duplicate members of sign-ups", delivered.size() - delivered.stream().distinct().count());
        expectZero(f, wrong, "duplicate members of sign-ups");
        f.put("outreach: MemberJoined applied", outreachProcessedJoined);
        f.put("outreach: joined members", outreachJoined);
        expectEqual(f, wrong, "outreach: MemberJoined applied", "MemberJoined events");
        expectEqual(f, wrong, "outreach: joined members", "members joined");

        // dues: each MemberJoined gave one subsidy posting; each acknowledged collection posted once; the ledger balances
        try (Connection c = connect(stack, "dues")) {
            f.put("dues: MemberJoined applied", processedOf(c, "dues.membership-member", joinedEventIds));
            f.put("dues: subsidy grants", count(c, "select count(*) from subsidy_grant"));
            // a grant is paid, or owed while no budget covers it (issue 21): one per member either way
            f.put("dues: subsidy postings", count(c, "select count(*) from programme_grant where programme = 'RECRUITMENT_SUBSIDY'"));
            f.put("dues: cash or budget accounts below zero", count(c, "select count(*) from ledger_account"
                    + " where purpose in ('CASH', 'BUDGET') and balance_fen < 0"));
            f.put("duplicate subsidy postings", count(c, "select count(*) - count(distinct source_ref) from journal_entry"
                    + " where source_ref like 'subsidy:member:%'"));
            Map<String, Long> postingsByRef = new LinkedHashMap<>();
            Set<String> collected = new HashSet<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select source_ref, count(*) from journal_entry where source_ref like 'collection:FAULTS-%' group by source_ref")) {
                while (rs.next()) {
                    postingsByRef.put(rs.getString(1).substring("collection:".length()), rs.getLong(2));
                }
            }
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select partner_ref from fund_collection where partner_ref like 'FAULTS-%'")) {
                while (rs.next()) {
                    collected.add(rs.getString(1));
                }
            }
            f.put("lost collections", collections.stream()
                    .filter(x -> !collected.contains(x.reference()) || !postingsByRef.containsKey(x.reference())).count());
            f.put("duplicate collection postings", postingsByRef.values().stream().filter(n -> n > 1).count());
            f.put("ledger debits (fen)", count(c, "select coalesce(sum(amount_fen), 0) from journal_leg where side = 'D'"));
            f.put("ledger credits (fen)", count(c, "select coalesce(sum(amount_fen), 0) from journal_leg where side = 'C'"));
            f.put("unbalanced journal entries", count(c, "select count(*) from (select entry_id from journal_leg group by entry_id"
                    + " having sum(case side when 'D' then amount_fen else -amount_fen end) <> 0) u"));
        }
        expectEqual(f, wrong, "dues: MemberJoined applied", "MemberJoined events");
        expectEqual(f, wrong, "dues: subsidy grants", "members joined");
        expectEqual(f, wrong, "dues: subsidy postings", "members joined");
        expectZero(f, wrong, "duplicate subsidy postings");
        expectZero(f, wrong, "dues: cash or budget accounts below zero");
        expectZero(f, wrong, "lost collections");
        expectZero(f, wrong, "duplicate collection postings");
        expectEqual(f, wrong, "ledger debits (fen)", "ledger credits (fen)");
        expectZero(f, wrong, "unbalanced journal entries");

        f.put("wrong answers to acknowledged writes", (long) load.wrongAnswers.size());
        expectZero(f, wrong, "wrong answers to acknowledged writes");
        f.put("events checked", (long) joinedEventIds.size() * 2 + collections.size() + signUps.size() + outboxEvents);
        return new Outcome(f, wrong);
    }

    private static long processedOf(Connection c, String consumer, List<String> eventIds) throws Exception {
        try (var st = c.prepareStatement("select count(*) from processed_event where consumer = ? and event_id = any (?)")) {
            st.setString(1, consumer);
            st.setArray(2, c.createArrayOf("varchar", eventIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void expectZero(Map<String, Long> f, List<String> wrong, String name) {
        if (f.get(name) != 0) {
            wrong.add(name + " = " + f.get(name) + " (must be 0)");
        }
    }

    private static void expectEqual(Map<String, Long> f, List<String> wrong, String name, String other) {
        if (!f.get(name).equals(f.get(other))) {
            wrong.add(name + " = " + f.get(name) + ", but " + other + " = " + f.get(other));
        }
    }

    static Connection connect(Stack stack, String service) throws Exception {
        return DriverManager.getConnection(stack.jdbcUrl(service), "postgres", "postgres");
    }

    static long count(Connection c, String sql) throws Exception {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
