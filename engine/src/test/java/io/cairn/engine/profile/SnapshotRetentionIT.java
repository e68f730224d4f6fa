package io.cairn.engine.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@SpringBootTest(
    classes = {EngineTestApplication.class, SnapshotRetentionIT.Clocks.class},
    properties = "cairn.profiles.retention-days=90")
@RecordApplicationEvents
class SnapshotRetentionIT {

  /** A clock the test moves; replaces the engine's system clock. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2024-01-01T00:00:00Z");

    void set(LocalDate day) {
      now = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this; // the engine only asks for UTC
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    MovableClock movableClock() {
      return new MovableClock();
    }
  }

  @Autowired TagCatalog catalog;
  @Autowired ProfileImporter importer;
  @Autowired SnapshotRetention retention;
  @Autowired MovableClock clock;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApplicationEvents events;

  private void importOn(LocalDate day, String csv) {
    importer.importCsv(
        "merchant", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), day);
  }

  private List<LocalDate> snapshots(String tag) {
    return dates("cairn_tag_value", tag);
  }

  /** The dates of the segment engine's stored columns of the tag. */
  private List<LocalDate> storedColumns(String tag) {
    return dates("cairn_tag_column", tag);
  }

  private List<LocalDate> dates(String table, String tag) {
    return jdbc
        .queryForList(
            "SELECT DISTINCT snapshot_date FROM " + table + " WHERE entity_type = 'merchant'"
                + " AND tag_code = ? ORDER BY snapshot_date",
            Date.class,
            tag)
        .stream()
        .map(Date::toLocalDate)
        .toList();
  }

  @Test
  void shouldDeleteSnapshotsOlderThanTheRetentionButKeepTheNewestOfEachTag() {
    catalog.define(new TagDefinition("ra", "A", TagType.NUMBER, "merchant", null));
    catalog.define(new TagDefinition("rb", "B", TagType.NUMBER, "merchant", null));
    catalog.define(new TagDefinition("rc", "C", TagType.NUMBER, "merchant", null));
    LocalDate jan1 = LocalDate.of(2024, 1, 1);
    LocalDate mar31 = LocalDate.of(2024, 3, 31);
    LocalDate apr1 = LocalDate.of(2024, 4, 1);
    LocalDate jun29 = LocalDate.of(2024, 6, 29);
    LocalDate dec1 = LocalDate.of(2023, 12, 1);
    for (LocalDate d : List.of(jan1, mar31, apr1, jun29)) {
      importOn(d, "id,ra\nm1,1\nm2,2\n");
    }
    importOn(jan1, "id,rb\nm1,1\n"); // the only snapshot of rb: kept however old
    importOn(dec1, "id,rc\nm1,1\n");
    importOn(jan1, "id,rc\nm1,2\n");

    clock.set(LocalDate.of(2024, 6, 30)); // cutoff = 2024-04-01: older dates go
    List<SnapshotsPurged> purged = retention.purge();

    assertThat(snapshots("ra")).containsExactly(apr1, jun29);
    assertThat(snapshots("rb")).containsExactly(jan1);
    assertThat(snapshots("rc")).containsExactly(jan1);
    SnapshotsPurged expected =
        new SnapshotsPurged("merchant", Map.of("ra", List.of(jan1, mar31), "rc", List.of(dec1)));
    assertThat(purged).containsExactly(expected);
    assertThat(events.stream(SnapshotsPurged.class)).containsExactly(expected);
    // the segment engine's stored index drops the same dates
    assertThat(storedColumns("ra")).containsExactly(apr1, jun29);
    assertThat(storedColumns("rc")).containsExactly(jan1);

    // nothing new to purge on the same day; a day later apr1 falls out of the retention
    assertThat(retention.purge()).isEmpty();
    clock.set(LocalDate.of(2024, 7, 1));
    assertThat(retention.purge())
        .containsExactly(new SnapshotsPurged("merchant", Map.of("ra", List.of(apr1))));
    assertThat(snapshots("ra")).containsExactly(jun29);
  }
}
