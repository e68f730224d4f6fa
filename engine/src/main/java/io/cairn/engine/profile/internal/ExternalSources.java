package io.cairn.engine.profile.internal;

import io.cairn.engine.problem.InvalidInputException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.springframework.stereotype.Component;

/**
 * Opens read-only, streaming reads on the configured sources ({@link SourceProperties}). Every
 * read runs in a transaction marked read-only and rolled back when closed, on a connection of its
 * own (imports are rare, so no pool). Error messages name the source, never its password.
 */
@Component
public class ExternalSources {

  private static final int FETCH_SIZE = 1_000;

  private final SourceProperties properties;

  ExternalSources(SourceProperties properties) {
    this.properties = properties;
  }

  /** An open result; closing it rolls back and closes the connection. Not thread-safe. */
  public static final class Reading implements AutoCloseable {
    private final Connection connection;
    private final Statement statement;
    private final ResultSet result;
    private final String source;
    private boolean exhausted;

    private Reading(Connection connection, Statement statement, ResultSet result, String source) {
      this.connection = connection;
      this.statement = statement;
      this.result = result;
      this.source = source;
    }

    ResultSet result() {
      return result;
    }

    String source() {
      return source;
    }

    /** Called when the last row was read: closing may then end the transaction politely. */
    void exhausted() {
      exhausted = true;
    }

    @Override
    public void close() {
      try {
        if (exhausted) {
          result.close();
          statement.close();
          connection.rollback();
          connection.close();
        } else {
          // MySQL's driver drains a streaming result on close, which for a large table read
          // after a refused header would take as long as the import; aborting the connection
          // ends it at once, and the server rolls the read-only transaction back on disconnect.
          connection.abort(Runnable::run);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(
            "closing the read on source " + source + " failed (SQL state " + e.getSQLState() + ")",
            e);
      }
    }
  }

  /**
   * Reads all columns of a table or view.
   *
   * @throws InvalidInputException naming {@code source} or {@code tableField}
   */
  public Reading openTable(String source, String table, String tableField) {
    SourceProperties.Source s = require(source);
    String[] parts = SelectGuard.table(table, tableField);
    Connection c = connect(source, s);
    try {
      String sql = "SELECT * FROM " + resolveTable(c, parts, tableField, source);
      return execute(source, s, c, sql, tableField);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      throw e instanceof RuntimeException r ? r : refused(source, tableField, (SQLException) e);
    }
  }

  /**
   * Runs a single read-only SELECT.
   *
   * @throws InvalidInputException naming {@code source} or {@code queryField}
   */
  public Reading openQuery(String source, String query, String queryField) {
    SourceProperties.Source s = require(source);
    String sql = SelectGuard.query(query, queryField);
    return execute(source, s, connect(source, s), sql, queryField);
  }

  /** See {@link io.cairn.engine.profile.ExternalTables#ids}. */
  public Stream<String> column(String source, String tableOrQuery, String column) {
    require(source);
    if (column == null || !SelectGuard.IDENTIFIER.matcher(column.trim()).matches()) {
      throw new InvalidInputException(
          "invalid-source-query", "column", "column must be a column name (letters, digits, _)");
    }
    Reading reading =
        SelectGuard.isTableName(tableOrQuery)
            ? openTable(source, tableOrQuery, "table")
            : openQuery(source, tableOrQuery, "query");
    try {
      int index = columnIndex(reading.result(), column.trim());
      ResultSet rs = reading.result();
      Spliterator<String> values =
          new Spliterators.AbstractSpliterator<>(
              Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super String> action) {
              try {
                while (rs.next()) {
                  String v = JdbcRows.cell(rs.getObject(index)).trim();
                  if (!v.isEmpty()) {
                    action.accept(v);
                    return true;
                  }
                }
                reading.exhausted();
                return false;
              } catch (SQLException e) {
                throw new IllegalStateException(
                    "reading source " + source + " failed (SQL state " + e.getSQLState() + ")", e);
              }
            }
          };
      return StreamSupport.stream(values, false).onClose(reading::close);
    } catch (SQLException | RuntimeException e) {
      reading.close();
      throw e instanceof RuntimeException r
          ? r
          : new IllegalStateException("reading source " + source + " failed", e);
    }
  }

  private static int columnIndex(ResultSet rs, String column) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      if (md.getColumnLabel(i).equalsIgnoreCase(column)) {
        return i;
      }
    }
    throw new InvalidInputException(
        "invalid-source-query", "column", "column " + column + " is not in the result");
  }

  private SourceProperties.Source require(String source) {
    SourceProperties.Source s = source == null ? null : properties.sources().get(source);
    if (s == null || s.url() == null || s.url().isBlank()) {
      throw new InvalidInputException(
          "unknown-source",
          "source",
          "source must be one of the configured sources "
              + new TreeSet<>(properties.sources().keySet())
              + " (cairn.sources.<name>.url)");
    }
    return s;
  }

  private static Connection connect(String name, SourceProperties.Source s) {
    Properties login = new Properties();
    if (s.username() != null) {
      login.setProperty("user", s.username());
    }
    if (s.password() != null) {
      login.setProperty("password", s.password());
    }
    try {
      Connection c = DriverManager.getConnection(s.url(), login);
      c.setReadOnly(true);
      c.setAutoCommit(false);
      return c;
    } catch (SQLException e) {
      // a 400 naming the source: it is the caller's choice of source that cannot be read now;
      // the driver's message is left out in case a misconfigured URL carries credentials
      throw new InvalidInputException(
          "source-unavailable",
          "source",
          "source " + name + " cannot be reached (SQL state " + e.getSQLState() + ")");
    }
  }

  private static Reading execute(
      String name, SourceProperties.Source s, Connection c, String sql, String field) {
    Statement st = null;
    try {
      st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      // MySQL's driver otherwise loads the whole result into memory; MIN_VALUE makes it stream
      st.setFetchSize(isMysql(s.url()) ? Integer.MIN_VALUE : FETCH_SIZE);
      return new Reading(c, st, st.executeQuery(sql), name);
    } catch (SQLException e) {
      closeQuietly(st);
      closeQuietly(c);
      throw refused(name, field, e);
    }
  }

  private static boolean isMysql(String url) {
    return url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:");
  }

  /** The table as the database spells it, quoted; the name must exist as a table or view. */
  private static String resolveTable(Connection c, String[] parts, String field, String source)
      throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    String wantedSchema = parts[0];
    String current = wantedSchema != null ? wantedSchema : c.getSchema();
    String currentCatalog = wantedSchema != null ? wantedSchema : c.getCatalog();
    for (String pattern :
        new String[] {
          parts[1], parts[1].toUpperCase(Locale.ROOT), parts[1].toLowerCase(Locale.ROOT)
        }) {
      try (ResultSet rs = md.getTables(null, null, pattern, null)) {
        while (rs.next()) {
          String cat = rs.getString("TABLE_CAT");
          String schema = rs.getString("TABLE_SCHEM");
          String name = rs.getString("TABLE_NAME");
          // MySQL reports databases as catalogs, H2 as schemas
          boolean sameSchema =
              (schema != null && schema.equalsIgnoreCase(current))
                  || (schema == null && cat != null && cat.equalsIgnoreCase(currentCatalog));
          if (name.equalsIgnoreCase(parts[1]) && sameSchema) {
            String qualifier = schema != null ? schema : cat;
            return quote(c, qualifier) + "." + quote(c, name);
          }
        }
      }
    }
    throw new InvalidInputException(
        "invalid-source-query",
        field,
        field + " " + String.join(".", nonNull(parts)) + " does not exist in source " + source);
  }

  private static String[] nonNull(String[] parts) {
    return parts[0] == null ? new String[] {parts[1]} : parts;
  }

  /** Quotes a name that passed {@link SelectGuard#IDENTIFIER} or came from the metadata. */
  static String quote(Connection c, String identifier) {
    try {
      String q = c.getMetaData().getIdentifierQuoteString().trim();
      if (identifier.contains(q)) {
        throw new IllegalArgumentException("identifier contains the quote character");
      }
      return q + identifier + q;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the quote character of the source", e);
    }
  }

  private static InvalidInputException refused(String source, String field, SQLException e) {
    // The database's own message helps fix a query (unknown column, syntax); it names the query's
    // parts, not credentials.
    return new InvalidInputException(
        "invalid-source-query",
        field,
        "source " + source + " refused the " + field + ": " + e.getMessage());
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // already failing; the first error is the one to report
      }
    }
  }
}
