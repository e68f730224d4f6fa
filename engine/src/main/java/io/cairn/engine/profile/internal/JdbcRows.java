package io.cairn.engine.profile.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A JDBC result as import rows. Column labels are lower-cased (databases upper-case unquoted
 * names) and the {@code id} column is moved first wherever it is; values become text in the CSV
 * conventions (dates ISO-8601, numbers plain, booleans {@code true}/{@code false}, NULL empty).
 */
final class JdbcRows implements RowSource {

  private final ExternalSources.Reading reading;
  private final List<String> header = new ArrayList<>();
  private final int[] order; // header position → 1-based result column
  private long row;

  JdbcRows(ExternalSources.Reading reading) {
    this.reading = reading;
    try {
      ResultSetMetaData md = reading.result().getMetaData();
      List<Integer> columns = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String label = md.getColumnLabel(i).toLowerCase(Locale.ROOT);
        if (label.equals("id")) {
          header.add(0, label);
          columns.add(0, i);
        } else {
          header.add(label);
          columns.add(i);
        }
      }
      order = columns.stream().mapToInt(Integer::intValue).toArray();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public String problemType() {
    return "invalid-source";
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public Record next() {
    try {
      if (!reading.result().next()) {
        reading.exhausted();
        return null;
      }
      row++;
      List<String> cells = new ArrayList<>(order.length);
      for (int column : order) {
        cells.add(cell(reading.result().getObject(column)));
      }
      return new Record(row, cells);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void close() {
    reading.close();
  }

  static String cell(Object v) throws SQLException {
    if (v == null) {
      return "";
    } else if (v instanceof Timestamp t) {
      return t.toLocalDateTime().toString();
    } else if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    } else if (v instanceof TemporalAccessor) {
      return v.toString(); // LocalDate, LocalDateTime: ISO-8601 already
    } else if (v instanceof BigDecimal b) {
      return b.toPlainString();
    } else if (v instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    } else if (v instanceof Clob c) {
      return c.getSubString(1, (int) Math.min(c.length(), Integer.MAX_VALUE));
    }
    return v.toString();
  }

  private IllegalStateException failed(SQLException e) {
    return new IllegalStateException(
        "reading source "
            + reading.source()
            + " failed after row "
            + row
            + " (SQL state "
            + e.getSQLState()
            + "); the rows before were imported",
        e);
  }
}
