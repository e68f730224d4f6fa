package io.cairn.engine.profile.internal;

import io.cairn.engine.profile.ProfilesImported;
import java.sql.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The newest snapshot date of each tag, remembered until the next import of its entity type, so
 * that reads by entity id use the value index instead of scanning a tag's history per batch.
 */
@Component
public class LatestSnapshots {

  private final JdbcTemplate jdbc;
  private final Map<String, Optional<Date>> latest = new ConcurrentHashMap<>();

  LatestSnapshots(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The newest snapshot date holding values of the tag, if any. */
  public Optional<Date> of(String entityType, String tagCode) {
    return latest.computeIfAbsent(
        entityType + "/" + tagCode,
        k ->
            Optional.ofNullable(
                jdbc.queryForObject(
                    "SELECT MAX(snapshot_date) FROM cairn_tag_value WHERE entity_type = ? AND"
                        + " tag_code = ?",
                    Date.class,
                    entityType,
                    tagCode)));
  }

  @EventListener
  void onImport(ProfilesImported event) {
    latest.keySet().removeIf(k -> k.startsWith(event.entityType() + "/"));
  }
}
