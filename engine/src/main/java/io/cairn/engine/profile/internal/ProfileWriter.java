package io.cairn.engine.profile.internal;

import io.cairn.engine.profile.IdForm;
import java.sql.Date;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a chunk of valid import rows: ids first, then the chunk's previous values of the imported
 * columns are replaced (only for entities that existed before), all with batched statements.
 */
@Component
class ProfileWriter {

  private final JdbcTemplate jdbc;
  private final EntityIds entityIds;

  ProfileWriter(JdbcTemplate jdbc, EntityIds entityIds) {
    this.jdbc = jdbc;
    this.entityIds = entityIds;
  }

  void write(
      String entityType, LocalDate snapshot, List<RowImport.Row> rows, List<RowImport.Column> cols) {
    EntityIds.Resolved ids =
        entityIds.resolve(entityType, rows.stream().map(RowImport.Row::externalId).toList());
    if (!ids.existing().isEmpty()) {
      clearPrevious(entityType, snapshot, ids.existing().values(), cols);
    }
    Date day = Date.valueOf(snapshot);
    List<Object[]> values = new ArrayList<>(rows.size() * 8);
    List<Object[]> identities = new ArrayList<>(rows.size() * 2);
    for (RowImport.Row row : rows) {
      Integer id = ids.id(row.externalId());
      row.tags()
          .forEach(
              (col, vs) -> {
                for (TagValues.Value v : vs) {
                  values.add(
                      new Object[] {entityType, col.tag().code(), day, id, v.text(), v.number()});
                }
              });
      for (RowImport.StoredId i : row.ids()) {
        identities.add(new Object[] {entityType, i.type().code(), i.form().code(), id, i.value()});
      }
    }
    jdbc.batchUpdate(
        "INSERT INTO cairn_tag_value (entity_type, tag_code, snapshot_date, entity_id, v_text,"
            + " v_num) VALUES (?,?,?,?,?,?)",
        values,
        new int[] {
          Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.INTEGER, Types.VARCHAR, Types.DOUBLE
        });
    jdbc.batchUpdate(
        "INSERT INTO cairn_identity (entity_type, id_type, id_form, entity_id, id_value)"
            + " VALUES (?,?,?,?,?)",
        identities);
  }

  private void clearPrevious(
      String entityType,
      LocalDate snapshot,
      java.util.Collection<Integer> ids,
      List<RowImport.Column> cols) {
    Set<String> tagCodes = new LinkedHashSet<>();
    // (id type, form) pairs the import replaces: a raw column also writes the SHA-256 form
    Set<List<String>> idForms = new LinkedHashSet<>();
    for (RowImport.Column c : cols) {
      if (c.tag() != null) {
        tagCodes.add(c.tag().code());
      } else {
        idForms.add(List.of(c.idType().code(), c.form().code()));
        if (c.form() == IdForm.RAW) {
          idForms.add(List.of(c.idType().code(), IdForm.SHA256.code()));
        }
      }
    }
    String idList = ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
    // The range lets both databases use the (…, entity_id) keys; the IN list keeps it exact.
    String range =
        " AND entity_id BETWEEN "
            + ids.stream().mapToInt(Integer::intValue).min().orElse(0)
            + " AND "
            + ids.stream().mapToInt(Integer::intValue).max().orElse(0);
    if (!tagCodes.isEmpty()) {
      List<Object> args = new ArrayList<>(List.of(entityType, Date.valueOf(snapshot)));
      args.addAll(tagCodes);
      jdbc.update(
          "DELETE FROM cairn_tag_value WHERE entity_type = ? AND snapshot_date = ? AND tag_code IN ("
              + marks(tagCodes.size())
              + ")"
              + range
              + " AND entity_id IN ("
              + idList
              + ")",
          args.toArray());
    }
    if (!idForms.isEmpty()) {
      List<Object> args = new ArrayList<>(List.of(entityType));
      idForms.forEach(args::addAll);
      jdbc.update(
          "DELETE FROM cairn_identity WHERE entity_type = ? AND ("
              + String.join(" OR ", Collections.nCopies(idForms.size(), "(id_type = ? AND id_form = ?)"))
              + ")"
              + range
              + " AND entity_id IN ("
              + idList
              + ")",
          args.toArray());
    }
  }

  private static String marks(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }

}
