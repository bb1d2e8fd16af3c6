package io.gucun.dues.collection;

import io.gucun.common.identity.CreditCode;
import io.gucun.common.money.Money;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.replica.KnownOrg;
import io.gucun.dues.ledger.Period;
import io.gucun.events.membership.OrgKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rules a collection record must pass, and who collects for an enterprise: plain code, no database. */
public final class CollectionRules {

    /** Union fund rate: 2% of the payroll (Trade Union Law art. 42), in basis points. */
    public static final int FUND_RATE_BP = 200;
    public static final int MAX_REFERENCE = 100;

    private CollectionRules() {
    }

    /** A record as submitted (all text, so a bad value is a per-row reason rather than an unreadable file). */
    public record RawRow(int line, String creditCode, String period, String payrollBase, String amount, String partnerReference) {
    }

    /** A record that passed the field rules. */
    public record CheckedRow(int line, String creditCode, Period period, long payrollBaseFen, long amountFen, long expectedFen,
                             boolean flagged, String partnerReference) {
    }

    /** 2% of the payroll base, rounded half up to the fen. */
    public static long expectedAmount(long payrollBaseFen) {
        return (Math.multiplyExact(payrollBaseFen, 2L) + 50) / 100;
    }

    /** The checked row, or the reasons (each naming its field) why it cannot be posted. */
    public static Result check(RawRow row, Clock clock) {
        List<FieldError> errors = new ArrayList<>();
        String code = CreditCode.normalize(row.creditCode());
        CreditCode.problemWith(code).ifPresent(p -> errors.add(new FieldError("creditCode", p)));
        Period period = attempt(errors, () -> Period.parse("period", row.period(), clock));
        Long payroll = attempt(errors, () -> Money.parsePositive("payrollBase", row.payrollBase()));
        Long amount = null;
        if (row.amount() != null && !row.amount().isBlank()) {
            amount = attempt(errors, () -> Money.parsePositive("amount", row.amount()));
        }
        String ref = row.partnerReference() == null ? "" : row.partnerReference().trim();
        if (ref.isEmpty()) {
            errors.add(new FieldError("partnerReference", "is required"));
        } else if (ref.length() > MAX_REFERENCE) {
            errors.add(new FieldError("partnerReference", "must be at most " + MAX_REFERENCE + " characters"));
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        long expected = expectedAmount(payroll);
        long fen = amount == null ? expected : amount;
        if (fen <= 0) {
            return new Result(null, List.of(new FieldError("payrollBase", "is too small for a collection of at least 0.01")));
        }
        return new Result(new CheckedRow(row.line(), code, period, payroll, fen, expected, fen != expected, ref), List.of());
    }

    public record Result(CheckedRow row, List<FieldError> errors) {
        public boolean ok() {
            return row != null;
        }
    }

    private static <T> T attempt(List<FieldError> errors, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ApiException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /**
     * The org that collects for an enterprise registered under the org at the end of {@code chainRootFirst}: the nearest
     * town/street federation above it (先收后返 at the town level, as in Gucun), else the nearest district union, else
     * the enterprise's own org.
     */
    public static Optional<KnownOrg> collectingOrg(List<KnownOrg> chainRootFirst) {
        if (chainRootFirst.isEmpty()) {
            return Optional.empty();
        }
        return io.gucun.dues.org.Orgs.nearest(chainRootFirst, OrgKind.TOWN)
                .or(() -> io.gucun.dues.org.Orgs.nearest(chainRootFirst, OrgKind.DISTRICT))
                .or(() -> Optional.of(chainRootFirst.getLast()));
    }
}
