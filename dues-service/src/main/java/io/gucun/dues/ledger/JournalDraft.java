package io.gucun.dues.ledger;

import io.gucun.common.money.Money;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import java.util.ArrayList;
import java.util.List;

/** A journal entry before it is posted: the rules every posting obeys are checked here, without a database. */
public record JournalDraft(EntryKind kind, Period period, String description, String sourceRef, Long reversesEntryId,
                           List<Leg> legs) {

    public enum Side {
        D, C;

        public Side opposite() {
            return this == D ? C : D;
        }
    }

    /** One side of an entry: an amount in fen debited or credited to an org's account. */
    public record Leg(long orgId, AccountPurpose purpose, Side side, long amountFen) {
    }

    public JournalDraft {
        legs = List.copyOf(legs);
    }

    public long debits() {
        return legs.stream().filter(l -> l.side() == Side.D).mapToLong(Leg::amountFen).sum();
    }

    public long credits() {
        return legs.stream().filter(l -> l.side() == Side.C).mapToLong(Leg::amountFen).sum();
    }

    /**
     * Problems that forbid posting, each naming the field ({@code legs[i].amount}, {@code legs}); empty when the entry
     * may post. {@code fieldPrefix} is how the legs are called in the request.
     */
    public List<FieldError> problems(String fieldPrefix) {
        List<FieldError> errors = new ArrayList<>();
        if (legs.size() < 2) {
            errors.add(new FieldError(fieldPrefix, "needs at least one debit and one credit leg"));
        }
        for (int i = 0; i < legs.size(); i++) {
            Leg leg = legs.get(i);
            if (leg.amountFen() <= 0) {
                errors.add(new FieldError(fieldPrefix + "[" + i + "].amount", "must be more than 0"));
            }
            if (leg.amountFen() > Money.MAX_FEN) {
                errors.add(new FieldError(fieldPrefix + "[" + i + "].amount", "is too large"));
            }
        }
        if (errors.isEmpty()) {
            long d = debits();
            long c = credits();
            if (d != c) {
                errors.add(new FieldError(fieldPrefix, "do not balance: debits " + Money.format(d) + " != credits "
                        + Money.format(c)));
            }
        }
        return errors;
    }

    /** 400 with every problem unless the entry may post. */
    public JournalDraft requireBalanced(String fieldPrefix) {
        List<FieldError> errors = problems(fieldPrefix);
        if (!errors.isEmpty()) {
            throw new ApiException(400, "unbalanced-entry", "Invalid journal entry",
                    errors.size() == 1 ? errors.getFirst().field() + " " + errors.getFirst().message()
                            : errors.size() + " fields are invalid", errors, null);
        }
        return this;
    }

    /** The entry that undoes this one: the same legs on the opposite sides, posted into {@code period}. */
    public static JournalDraft reversalOf(long entryId, List<Leg> original, Period period, String description) {
        List<Leg> legs = original.stream()
                .map(l -> new Leg(l.orgId(), l.purpose(), l.side().opposite(), l.amountFen())).toList();
        return new JournalDraft(EntryKind.REVERSAL, period, description, "reversal:" + entryId, entryId, legs);
    }
}
