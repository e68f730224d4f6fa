package io.cairn.engine.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Which database an integration-test run uses. Failsafe runs every {@code *IT} twice: with {@code
 * -Dcairn.test.db=h2} (an in-memory H2 in MySQL mode) and with {@code -Dcairn.test.db=mysql} (a
 * fresh schema on a MySQL-compatible server, dropped when the Spring context closes).
 *
 * <p>The server is taken from {@code CAIRN_TEST_MYSQL_URL} (default {@code
 * jdbc:mysql://127.0.0.1:3306/}), {@code CAIRN_TEST_MYSQL_USER} (default {@code root}) and {@code
 * CAIRN_TEST_MYSQL_PASSWORD} (default empty).
 */
public final class TestDatabase {

  static final String MYSQL_OPTIONS =
      "sendFractionalSeconds=false&nullCatalogMeansCurrent=true&rewriteBatchedStatements=true"
          + "&allowPublicKeyRetrieval=true&useSSL=false";

  private TestDatabase() {}

  /** {@code h2} or {@code mysql}. */
  public static String kind() {
    return System.getProperty("cairn.test.db", "h2").toLowerCase(Locale.ROOT);
  }

  public static boolean isMysql() {
    return "mysql".equals(kind());
  }

  public static String mysqlServerUrl() {
    String url = System.getenv("CAIRN_TEST_MYSQL_URL");
    return url == null || url.isBlank() ? "jdbc:mysql://127.0.0.1:3306/" : url;
  }

  public static String mysqlUser() {
    String user = System.getenv("CAIRN_TEST_MYSQL_USER");
    return user == null || user.isBlank() ? "root" : user;
  }

  public static String mysqlPassword() {
    String pw = System.getenv("CAIRN_TEST_MYSQL_PASSWORD");
    return pw == null ? "" : pw;
  }

  /** Opens a connection to the MySQL server itself (no schema). */
  public static Connection serverConnection() throws SQLException {
    String url = mysqlServerUrl();
    String sep = url.contains("?") ? "&" : "?";
    return DriverManager.getConnection(url + sep + MYSQL_OPTIONS, mysqlUser(), mysqlPassword());
  }

  /** True when a MySQL-compatible server answers at the configured address. */
  public static boolean mysqlReachable() {
    try (Connection c = serverConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Creates a fresh schema and returns its name. */
  public static String createMysqlSchema() {
    String schema = "cairn_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = serverConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
      return schema;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test schema on " + mysqlServerUrl(), e);
    }
  }

  public static void dropMysqlSchema(String schema) {
    try (Connection c = serverConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + schema);
    } catch (SQLException e) {
      System.err.println("[cairn-test] could not drop test schema " + schema + ": " + e);
    }
  }

  /** JDBC URL of a schema on the test server, with the options Camunda needs. */
  public static String mysqlSchemaUrl(String schema) {
    String base = mysqlServerUrl();
    int q = base.indexOf('?');
    if (q >= 0) {
      base = base.substring(0, q);
    }
    if (!base.endsWith("/")) {
      base = base + "/";
    }
    return base + schema + "?" + MYSQL_OPTIONS;
  }

  /** A fresh in-memory H2 URL in MySQL mode. */
  public static String h2Url() {
    return "jdbc:h2:mem:cairn-"
        + UUID.randomUUID()
        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
  }
}
