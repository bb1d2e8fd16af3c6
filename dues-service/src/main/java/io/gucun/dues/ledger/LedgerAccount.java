package io.gucun.dues.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/** A ledger account of one org for one purpose, in CNY. */
@Entity
@Table(name = "ledger_account")
public class LedgerAccount extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "org_id", nullable = false)
    public Long orgId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AccountPurpose purpose;

    @Column(nullable = false)
    public String currency;

    @Column(name = "opened_at", nullable = false)
    public OffsetDateTime openedAt;

    public static List<LedgerAccount> ofOrg(long orgId) {
        return list("orgId = ?1 order by purpose", orgId);
    }
}
