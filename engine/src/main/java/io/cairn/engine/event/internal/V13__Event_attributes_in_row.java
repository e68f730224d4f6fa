package io.cairn.engine.event.internal;

import io.cairn.engine.event.StoredAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Moves event attribute values from {@code cairn_event_attr} (a row per value) into the event's
 * own row ({@code cairn_event.attrs}, see {@link StoredAttributes}) and drops that table: on H2
 * each value row was two more B-tree entries to write, log and commit per event (ING-1). A Java
 * migration because the column type differs (H2 keeps a long VARCHAR in the row, where its CLOB
 * would be a separate store; MySQL needs MEDIUMTEXT for 100 attributes of 512 characters) and the
 * values are re-encoded.
 */
@Component
public class V13__Event_attributes_in_row extends BaseJavaMigration {

  private static final int BATCH = 1_000;

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
    boolean mysql = product.contains("mysql") || product.contains("mariadb");
    try (Statement s = connection.createStatement()) {
      s.execute("ALTER TABLE cairn_event ADD COLUMN attrs " + (mysql ? "MEDIUMTEXT" : "VARCHAR(1000000)"));
    }
    try (Statement read = connection.createStatement();
        PreparedStatement write = connection.prepareStatement("UPDATE cairn_event SET attrs = ? WHERE id = ?")) {
      read.setFetchSize(BATCH);
      try (ResultSet rs = read.executeQuery(
          "SELECT event_id, name, v_text, v_num FROM cairn_event_attr ORDER BY event_id")) {
        long event = Long.MIN_VALUE;
        List<StoredAttributes.Value> values = new ArrayList<>();
        int pending = 0;
        while (rs.next()) {
          long id = rs.getLong(1);
          if (id != event && !values.isEmpty()) {
            pending = add(write, event, values, pending);
          }
          event = id;
          double num = rs.getDouble(4);
          Double number = rs.wasNull() ? null : num;
          values.add(new StoredAttributes.Value(rs.getString(2), rs.getString(3), number));
        }
        if (!values.isEmpty()) {
          pending = add(write, event, values, pending);
        }
        if (pending > 0) {
          write.executeBatch();
        }
      }
    }
    try (Statement s = connection.createStatement()) {
      s.execute("DROP TABLE cairn_event_attr");
    }
  }

  private static int add(PreparedStatement write, long event, List<StoredAttributes.Value> values, int pending)
      throws SQLException {
    write.setString(1, StoredAttributes.encode(values));
    write.setLong(2, event);
    write.addBatch();
    values.clear();
    if (++pending == BATCH) {
      write.executeBatch();
      return 0;
    }
    return pending;
  }
}
