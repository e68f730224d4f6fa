package io.cairn.engine.profile.internal;

import io.cairn.connectors.channel.IdType;
import io.cairn.engine.profile.EntityTypes;
import io.cairn.engine.profile.IdForm;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives RAW identities stored before V11 their SHA-256 form, once: V11 leaves a {@code sha256} row
 * in {@code cairn_identity_backfill}, removed when every page is done, so a crash part-way resumes
 * on the next start. Pages walk the primary key (type, id type, form, entity id), so memory and
 * transactions stay small on any table size.
 */
@Component
class IdentityHashBackfill {

  private static final Logger log = LoggerFactory.getLogger(IdentityHashBackfill.class);
  private static final int PAGE = 2_000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  IdentityHashBackfill(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @EventListener(ApplicationReadyEvent.class)
  void runIfPending() {
    if (jdbc.queryForList("SELECT name FROM cairn_identity_backfill WHERE name = 'sha256'").isEmpty()) {
      return;
    }
    long added = 0;
    for (String entityType : EntityTypes.ALL) {
      for (IdType type : IdType.values()) {
        added += backfill(entityType, type);
      }
    }
    jdbc.update("DELETE FROM cairn_identity_backfill WHERE name = 'sha256'");
    log.info("stored the SHA-256 form of {} identities imported before V11", added);
  }

  private long backfill(String entityType, IdType type) {
    long added = 0;
    int after = Integer.MIN_VALUE;
    while (true) {
      List<Object[]> page =
          jdbc.query(
              "SELECT entity_id, id_value FROM cairn_identity WHERE entity_type = ? AND id_type = ?"
                  + " AND id_form = 'raw' AND entity_id > ? ORDER BY entity_id LIMIT " + PAGE,
              (rs, i) -> new Object[] {rs.getInt(1), rs.getString(2)},
              entityType,
              type.code(),
              after);
      if (page.isEmpty()) {
        return added;
      }
      added += storeHashes(entityType, type, page);
      after = (Integer) page.get(page.size() - 1)[0];
    }
  }

  private int storeHashes(String entityType, IdType type, List<Object[]> page) {
    int first = (Integer) page.get(0)[0];
    int last = (Integer) page.get(page.size() - 1)[0];
    for (int attempt = 0; ; attempt++) {
      try {
        return tx.execute(
            s -> {
              // an import may have written some already (then it also wrote the newer raw value)
              Set<Integer> hashed =
                  new HashSet<>(
                      jdbc.queryForList(
                          "SELECT entity_id FROM cairn_identity WHERE entity_type = ? AND"
                              + " id_type = ? AND id_form = ? AND entity_id BETWEEN ? AND ?",
                          Integer.class,
                          entityType,
                          type.code(),
                          IdForm.SHA256.code(),
                          first,
                          last));
              List<Object[]> rows = new ArrayList<>();
              for (Object[] r : page) {
                if (!hashed.contains((Integer) r[0])) {
                  String hash = Identities.sha256(type, (String) r[1]);
                  rows.add(new Object[] {entityType, type.code(), IdForm.SHA256.code(), r[0], hash});
                }
              }
              jdbc.batchUpdate(
                  "INSERT INTO cairn_identity (entity_type, id_type, id_form, entity_id, id_value)"
                      + " VALUES (?,?,?,?,?)",
                  rows);
              return rows.size();
            });
      } catch (DuplicateKeyException raced) {
        if (attempt == 2) {
          throw raced; // an import keeps racing this page; the next start resumes
        }
      }
    }
  }
}
