package io.cairn.engine.profile.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.engine.testing.EngineTestApplication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Both ways of mapping external ids (lookups for small sets, one scan for large ones) agree. */
@SpringBootTest(classes = EngineTestApplication.class)
class EntityIdsIT {

  @Autowired EntityIds ids;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldMapSmallAndLargeSetsTheSameWay() {
    List<Object[]> rows = new ArrayList<>();
    Map<String, Integer> expected = new HashMap<>();
    for (int i = 0; i < 30_000; i++) {
      rows.add(new Object[] {"planetside", i, "p-" + i});
      if (i % 3 != 0) {
        expected.put("p-" + i, i);
      }
    }
    jdbc.batchUpdate("INSERT INTO cairn_entity (entity_type, id, external_id) VALUES (?,?,?)", rows);
    jdbc.update("INSERT INTO cairn_entity (entity_type, id, external_id) VALUES ('other', 0, 'p-1')");
    jdbc.update("INSERT INTO cairn_entity_seq (entity_type, next_id) VALUES ('planetside', 30000)");
    Set<String> wanted = new LinkedHashSet<>(expected.keySet());
    for (int i = 0; i < 5_000; i++) {
      wanted.add("unknown-" + i);
    }
    assertThat(wanted).hasSizeGreaterThan(20_000); // large: read by one scan
    assertThat(ids.find("planetside", wanted)).isEqualTo(expected);
    List<String> few = List.of("p-1", "p-3", "unknown-1", "p-29999");
    assertThat(ids.find("planetside", few)).isEqualTo(Map.of("p-1", 1, "p-3", 3, "p-29999", 29999));
  }
}
