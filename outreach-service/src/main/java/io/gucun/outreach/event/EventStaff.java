package io.gucun.outreach.event;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** A staff member (union social worker, 工会社工) assigned to an event. */
@Entity
@Table(name = "event_staff")
@IdClass(EventStaff.Key.class)
public class EventStaff extends PanacheEntityBase {

    public static class Key implements Serializable {
        public Long eventId;
        public String staff;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(k.eventId, eventId) && java.util.Objects.equals(k.staff, staff);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(eventId, staff);
        }
    }

    @Id
    @Column(name = "event_id")
    public Long eventId;

    @Id
    public String staff;

    @Column(name = "assigned_at", nullable = false)
    public OffsetDateTime assignedAt;

    @Column(name = "assigned_by", nullable = false)
    public String assignedBy;

    public static boolean isAssigned(long eventId, String staff) {
        return count("eventId = ?1 and staff = ?2", eventId, staff) > 0;
    }
}
