package io.cairn.engine.journey;

import java.util.Locale;
import java.util.Optional;

/**
 * How often an audience journey's segment enters: the {@code schedule} property of the audience
 * entry, by {@link #code}. A run is named {@code <journey>_<period>}, the period being the run's
 * scheduled local date (and time) in the journey's time zone, in the format given here.
 */
public enum EntryFrequency {
  /** Once: when started, or at {@code startAt}. Period {@code yyyyMMddHHmmss}. */
  ONCE,
  /** Every day at {@code time}. Period {@code yyyyMMdd}. */
  DAILY,
  /** On {@code weekday} at {@code time}. Period {@code yyyyMMdd}. */
  WEEKLY,
  /**
   * On {@code dayOfMonth} at {@code time}; on the month's last day in months without that day.
   * Period {@code yyyyMM}.
   */
  MONTHLY,
  /** On {@code startDate} and every {@code intervalDays} days after, at {@code time}. {@code yyyyMMdd}. */
  EVERY_N_DAYS;

  /** The property value: the lower-case name ({@code every_n_days}). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The frequency of a property value, case-insensitively. */
  public static Optional<EntryFrequency> of(String code) {
    for (EntryFrequency f : values()) {
      if (f.code().equalsIgnoreCase(code.trim())) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
