package io.gucun.outreach.membership;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** One appointment of membership's union workforce register that names a login (see {@link UnionWorkers}). */
@Entity
@Table(name = "union_worker")
public class UnionWorker extends PanacheEntityBase {

    @Id
    @Column(name = "appointment_id")
    public Long appointmentId;

    @Column(name = "org_id", nullable = false)
    public Long orgId;

    @Column(nullable = false)
    public String post;

    @Column(nullable = false)
    public String login;

    @Column(name = "term_from", nullable = false)
    public LocalDate termFrom;

    /** Effective last day; null when open-ended. */
    @Column(name = "term_to")
    public LocalDate termTo;
}
