package io.gucun.rights.deadline;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A calendar exception: a public holiday ({@code HOLIDAY}) or a worked weekend day ({@code WORKDAY}). */
@Entity
@Table(name = "calendar_day")
public class CalendarDay extends PanacheEntityBase {

    public static final String HOLIDAY = "HOLIDAY";
    public static final String WORKDAY = "WORKDAY";

    @Id
    public LocalDate day;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String name;
}
