package dev.connectorengine.api.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The UTC day and month an instant falls in, which usage is counted and limited by.
 *
 * @param day the day's date
 * @param month the month's first day
 */
record UsagePeriods(LocalDate day, LocalDate month) {

  static UsagePeriods at(Instant now) {
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return new UsagePeriods(day, day.withDayOfMonth(1));
  }

  Instant dayStart() {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  Instant monthStart() {
    return month.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The first day of the period ({@code day} or {@code month}). */
  LocalDate start(String period) {
    return period.equals("day") ? day : month;
  }

  /** The instant the period ({@code day} or {@code month}) started. */
  Instant startAt(String period) {
    return period.equals("day") ? dayStart() : monthStart();
  }

  /** When the period ({@code day} or {@code month}) starts again. */
  Instant resetsAt(String period) {
    return period.equals("day") ? dayResets() : monthResets();
  }

  /** When the day's count starts again: the next midnight, UTC. */
  Instant dayResets() {
    return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** When the month's count starts again: the first of the next month, UTC. */
  Instant monthResets() {
    return month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
