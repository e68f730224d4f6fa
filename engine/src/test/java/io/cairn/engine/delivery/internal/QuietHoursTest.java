package io.cairn.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

  private static final PolicyProperties.QuietWindow NIGHT =
      new PolicyProperties.QuietWindow(LocalTime.of(21, 0), LocalTime.of(8, 0));
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void shouldSendOutsideTheWindowAndDeferInsideItToItsEnd() {
    Instant noonShanghai = Instant.parse("2026-12-01T04:00:00Z");
    assertThat(QuietHours.nextAllowed(noonShanghai, SHANGHAI, NIGHT)).isEqualTo(noonShanghai);

    Instant lateEvening = Instant.parse("2026-12-01T14:30:00Z"); // 22:30 in Shanghai
    assertThat(QuietHours.nextAllowed(lateEvening, SHANGHAI, NIGHT))
        .isEqualTo(Instant.parse("2026-12-02T00:00:00Z")); // 08:00 the next day

    Instant earlyMorning = Instant.parse("2026-12-01T21:00:00Z"); // 05:00 on Dec 2 in Shanghai
    assertThat(QuietHours.nextAllowed(earlyMorning, SHANGHAI, NIGHT))
        .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
  }

  @Test
  void shouldTreatTheStartAsQuietAndTheEndAsAllowed() {
    assertThat(QuietHours.nextAllowed(Instant.parse("2026-12-01T13:00:00Z"), SHANGHAI, NIGHT))
        .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    Instant eight = Instant.parse("2026-12-02T00:00:00Z");
    assertThat(QuietHours.nextAllowed(eight, SHANGHAI, NIGHT)).isEqualTo(eight);
  }

  @Test
  void shouldDecideTheSameInstantPerRecipientTimeZone() {
    Instant now = Instant.parse("2026-12-01T13:30:00Z"); // 21:30 Shanghai, 14:30 Berlin, 08:30 NY
    assertThat(QuietHours.nextAllowed(now, SHANGHAI, NIGHT)).isAfter(now);
    assertThat(QuietHours.nextAllowed(now, BERLIN, NIGHT)).isEqualTo(now);
    assertThat(QuietHours.nextAllowed(now, NEW_YORK, NIGHT)).isEqualTo(now);
  }

  @Test
  void shouldHandleTheNightsWhenClocksChange() {
    // Berlin falls back on 2026-10-25 (03:00 CEST -> 02:00 CET): the night is 12 h long.
    Instant beforeFallBack = Instant.parse("2026-10-24T20:00:00Z"); // 22:00 CEST
    assertThat(QuietHours.nextAllowed(beforeFallBack, BERLIN, NIGHT))
        .isEqualTo(Instant.parse("2026-10-25T07:00:00Z")); // 08:00 CET
    // New York springs forward on 2026-03-08 (02:00 -> 03:00): the night is 10 h long.
    Instant beforeSpring = Instant.parse("2026-03-08T03:00:00Z"); // 22:00 EST on Mar 7
    assertThat(QuietHours.nextAllowed(beforeSpring, NEW_YORK, NIGHT))
        .isEqualTo(Instant.parse("2026-03-08T12:00:00Z")); // 08:00 EDT
  }

  @Test
  void shouldNeverEndAWindowEarlyWhenItsEndFallsInAGap() {
    PolicyProperties.QuietWindow untilHalfPastTwo =
        new PolicyProperties.QuietWindow(LocalTime.of(1, 0), LocalTime.of(2, 30));
    Instant oneThirty = Instant.parse("2026-03-08T06:30:00Z"); // 01:30 EST, 02:30 does not exist
    Instant allowed = QuietHours.nextAllowed(oneThirty, NEW_YORK, untilHalfPastTwo);
    assertThat(allowed).isEqualTo(Instant.parse("2026-03-08T07:30:00Z")); // 03:30 EDT
    assertThat(allowed).isAfter(oneThirty);
  }

  @Test
  void shouldDeferWithinADaytimeWindow() {
    PolicyProperties.QuietWindow lunch =
        new PolicyProperties.QuietWindow(LocalTime.of(12, 0), LocalTime.of(14, 0));
    assertThat(QuietHours.nextAllowed(Instant.parse("2026-12-01T12:15:00Z"), ZoneId.of("UTC"), lunch))
        .isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
    Instant eleven = Instant.parse("2026-12-01T11:00:00Z");
    assertThat(QuietHours.nextAllowed(eleven, ZoneId.of("UTC"), lunch)).isEqualTo(eleven);
  }
}
