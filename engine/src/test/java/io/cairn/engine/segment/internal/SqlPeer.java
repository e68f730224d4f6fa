package io.cairn.engine.segment.internal;

import io.cairn.engine.profile.TagType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A SQL engine holding the benchmark's users as one wide table {@code users} (enum and boolean tags
 * as ENUM columns, numbers as DOUBLE, NULL = no value), loaded from the CSV chunks {@link
 * SyntheticUsers#writeCsv} wrote (chunk {@code i} holds ids {@code [i·size, (i+1)·size)}).
 */
final class SqlPeer implements AutoCloseable {

  /** Where MariaDB's copy lives; dropped on close. */
  static final String MARIADB_SCHEMA = "cairn_bench";

  final String name;

  /** Users loaded: ids {@code [0, users)}. */
  final int users;

  /** Seconds the load took. */
  final double loadSeconds;

  private final Connection connection;
  private final Runnable cleanup;

  private SqlPeer(
      String name, Connection connection, int users, double loadSeconds, Runnable cleanup) {
    this.name = name;
    this.connection = connection;
    this.users = users;
    this.loadSeconds = loadSeconds;
    this.cleanup = cleanup;
  }

  /** An in-memory DuckDB that reads every chunk with its parallel CSV reader. */
  static SqlPeer duckDb(SyntheticUsers data, List<Path> chunks) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    long t0 = System.nanoTime();
    String columns =
        data.columnNames().stream()
            .map(n -> "'" + n + "': '" + duckType(data, n) + "'")
            .collect(Collectors.joining(", ", "{", "}"));
    String files =
        chunks.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ", "[", "]"));
    // Read as text, then store enum and boolean tags as ENUM (one byte per row): the peer's
    // fastest schema for the IN filters the rules use.
    String select =
        data.columnNames().stream()
            .map(
                n ->
                    n.equals("id") || tag(data, n).numeric()
                        ? n
                        : "CAST(" + n + " AS " + enumType(data, n) + ") AS " + n)
            .collect(Collectors.joining(", "));
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE users AS SELECT "
              + select
              + " FROM read_csv("
              + files
              + ", header = false,"
              + " delim = ',', nullstr = '\\N', auto_detect = false, columns = "
              + columns
              + ")");
    }
    return new SqlPeer("DuckDB", c, data.users, seconds(t0), () -> {});
  }

  /**
   * MariaDB/InnoDB at 127.0.0.1:3306, loaded chunk by chunk with LOAD DATA LOCAL INFILE. Stops
   * before a chunk that would end the load after {@code budgetSeconds}: the peer then holds a
   * prefix of the users, which {@link #users} reports (callers compare on that prefix).
   */
  static SqlPeer mariaDb(
      SyntheticUsers data, List<Path> chunks, int chunkSize, double budgetSeconds)
      throws SQLException {
    Connection c =
        DriverManager.getConnection(
            "jdbc:mysql://127.0.0.1:3306/?allowLoadLocalInfile=true&useSSL=false"
                + "&allowPublicKeyRetrieval=true",
            "root",
            "");
    try (Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + MARIADB_SCHEMA);
      s.execute("CREATE DATABASE " + MARIADB_SCHEMA);
      s.execute("USE " + MARIADB_SCHEMA);
      String columns =
          data.columnNames().stream()
              .map(n -> n + " " + mariaType(data, n))
              .collect(Collectors.joining(", "));
      s.execute("CREATE TABLE users (" + columns + ", PRIMARY KEY (id)) ENGINE=InnoDB");
    }
    long t0 = System.nanoTime();
    int loaded = 0;
    double lastChunk = 0;
    for (Path chunk : chunks) {
      if (loaded > 0 && seconds(t0) + lastChunk > budgetSeconds) {
        break;
      }
      long c0 = System.nanoTime();
      try (Statement s = c.createStatement()) {
        s.execute(
            "LOAD DATA LOCAL INFILE '"
                + chunk
                + "' INTO TABLE users FIELDS TERMINATED BY ','"
                + " LINES TERMINATED BY '\\n'");
      }
      lastChunk = seconds(c0);
      loaded = Math.min(data.users, loaded + chunkSize);
    }
    Runnable drop =
        () -> {
          try (Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + MARIADB_SCHEMA);
          } catch (SQLException e) {
            System.err.println("could not drop " + MARIADB_SCHEMA + ": " + e.getMessage());
          }
        };
    return new SqlPeer("MariaDB", c, loaded, seconds(t0), drop);
  }

  long count(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Whether the peer holds every generated user (else only a prefix). */
  boolean complete(SyntheticUsers data) {
    return users == data.users;
  }

  @Override
  public void close() throws SQLException {
    cleanup.run();
    connection.close();
  }

  private static String duckType(SyntheticUsers data, String column) {
    if (column.equals("id")) {
      return "INTEGER";
    }
    return tag(data, column).type() == TagType.NUMBER ? "DOUBLE" : "VARCHAR";
  }

  private static String mariaType(SyntheticUsers data, String column) {
    if (column.equals("id")) {
      return "INT NOT NULL";
    }
    return tag(data, column).numeric() ? "DOUBLE NULL" : enumType(data, column) + " NULL";
  }

  /** {@code ENUM('v0', …)} of a tag's values: valid in DuckDB casts and MariaDB columns alike. */
  private static String enumType(SyntheticUsers data, String column) {
    SyntheticUsers.Tag t = tag(data, column);
    List<String> values = new java.util.ArrayList<>();
    for (int v = 0; v < t.values(); v++) {
      values.add(SqlCompiler.literal(SyntheticUsers.text(t, v)));
    }
    return "ENUM(" + String.join(", ", values) + ")";
  }

  private static SyntheticUsers.Tag tag(SyntheticUsers data, String code) {
    return data.tags.stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
