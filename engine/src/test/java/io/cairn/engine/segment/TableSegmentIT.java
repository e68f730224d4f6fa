package io.cairn.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** TABLE segments: ids read from a configured source (a second database), mapped to entities. */
@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = {
      "cairn.sources.dw.url=" + TableSegmentIT.DW_URL,
      "cairn.sources.dw.username=dw",
      "cairn.sources.dw.password=dw-secret"
    })
class TableSegmentIT {

  static final String DW_URL = "jdbc:h2:mem:cairn-dw-source;DB_CLOSE_DELAY=-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired SegmentService segments;
  @Autowired ProfileImporter importer;
  @Autowired JdbcTemplate jdbc;

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void shouldSelectTheEntitiesASourceListsAndCountTheRest() throws Exception {
    importer.importCsv("store", new ByteArrayInputStream("id\nt1\nt2\nt3\n".getBytes(StandardCharsets.UTF_8)),
        LocalDate.of(2026, 12, 1));
    try (Connection dw = DriverManager.getConnection(DW_URL, "dw", "dw-secret"); Statement s = dw.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS vip (user_unique_id VARCHAR(64), score INT)");
      s.execute("DELETE FROM vip");
      s.execute("INSERT INTO vip VALUES ('t1', 9), ('t3', 2), ('t3', 5), ('ghost', 7)");
    }
    Segment fromTable = segments.create(new NewSegment("VIP stores", "store", "TABLE",
        json("{\"source\":\"dw\",\"table\":\"vip\"}"), null));
    Segment done = await(fromTable.id());
    assertThat(done.size()).isEqualTo(2);
    assertThat(done.report()).isEqualTo("{\"rows\":4,\"members\":2,\"unmatched\":1}");

    Segment fromQuery = segments.create(new NewSegment("High score", "store", "TABLE",
        json("{\"source\":\"dw\",\"query\":\"SELECT user_unique_id AS sid FROM vip WHERE score > 6\",\"column\":\"sid\"}"),
        null));
    assertThat(await(fromQuery.id()).size()).isEqualTo(1);

    // the source changes: a refresh reads it again
    try (Connection dw = DriverManager.getConnection(DW_URL, "dw", "dw-secret"); Statement s = dw.createStatement()) {
      s.execute("INSERT INTO vip VALUES ('t2', 8)");
    }
    segments.refreshNow(segments.get(fromQuery.id()));
    assertThat(segments.get(fromQuery.id()).size()).isEqualTo(2);
  }

  @Test
  void shouldRefuseBadTableDefinitionsNamingTheFieldAndCreateNothing() {
    long before = jdbc.queryForObject("SELECT COUNT(*) FROM cairn_segment", Long.class);
    assertFields("{\"source\":\"nowhere\",\"table\":\"vip\"}", "definition.source");
    assertFields("{\"source\":\"dw\"}", "definition.table");
    assertFields("{\"source\":\"dw\",\"query\":\"DELETE FROM vip\"}", "definition.query");
    assertFields("{\"source\":\"dw\",\"table\":\"vip\",\"column\":\"nope\"}", "definition.column");
    assertFields("{\"source\":\"dw\",\"table\":\"vip\",\"where\":\"x\"}", "definition.where");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cairn_segment", Long.class)).isEqualTo(before);
  }

  private void assertFields(String definition, String field) {
    assertThatThrownBy(() -> segments.create(new NewSegment("bad", "store", "TABLE", json(definition), null)))
        .as(definition)
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.violations()).extracting(Violation::field).contains(field));
  }

  private Segment await(long id) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      Segment s = segments.get(id);
      if (s.status() == SegmentStatus.ACTIVE) {
        return s;
      }
      assertThat(s.status()).as(s.error()).isNotEqualTo(SegmentStatus.FAILED);
      Thread.sleep(50);
    }
    throw new AssertionError("segment " + id + " did not become ACTIVE");
  }
}
