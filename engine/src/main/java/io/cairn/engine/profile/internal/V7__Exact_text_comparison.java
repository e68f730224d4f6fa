package io.cairn.engine.profile.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Makes text comparison exact on MySQL and MariaDB, as it already is on H2: external ids, identity
 * values and tag values must match byte for byte, or the SQL shown for a segment would count
 * {@code "Gold"}, {@code "gold"} and {@code "gold "} as one value while the bitmap engine counts
 * three (and two customers whose ids differ only in case would collide). Case-insensitive
 * collations are the servers' defaults, and even {@code utf8mb4_bin} ignores trailing spaces, so
 * this picks the server's binary NO PAD collation. The database default changes too, so tables of
 * later migrations inherit it.
 *
 * <p>A Java migration because the collation's name differs between the two servers and H2 needs
 * nothing; Spring Boot hands {@code JavaMigration} beans to Flyway.
 */
@Component
public class V7__Exact_text_comparison extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
    if (!product.contains("mysql") && !product.contains("mariadb")) {
      return;
    }
    String collation = exactCollation(connection);
    try (Statement s = connection.createStatement()) {
      s.execute("ALTER DATABASE CHARACTER SET utf8mb4 COLLATE " + collation);
      for (String table : existing(connection)) {
        s.execute("ALTER TABLE " + table + " CONVERT TO CHARACTER SET utf8mb4 COLLATE " + collation);
      }
    }
  }

  /** MariaDB calls it utf8mb4_nopad_bin, MySQL 8 utf8mb4_0900_bin. */
  private static String exactCollation(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT collation_name FROM information_schema.collations"
            + " WHERE collation_name IN ('utf8mb4_nopad_bin', 'utf8mb4_0900_bin')")) {
      if (rs.next()) {
        return rs.getString(1);
      }
    }
    throw new SQLException("this server has no binary NO PAD collation for utf8mb4"
        + " (utf8mb4_nopad_bin or utf8mb4_0900_bin); Cairn needs MariaDB 10.2+ or MySQL 8+");
  }

  private static List<String> existing(Connection connection) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = DATABASE() AND table_name LIKE 'cairn\\_%'")) {
      while (rs.next()) {
        found.add(rs.getString(1));
      }
    }
    return found;
  }
}
