package io.cairn.web;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A MariaDB server of the test's own (mariadbd on a temporary datadir, a free port, its own
 * socket), so that a test can kill it with SIGKILL and start it again on the same datadir without
 * touching the shared server other tests use. Needs {@code mariadb-install-db} and {@code
 * mariadbd} on the PATH (the Debian package {@code mariadb-server}).
 */
final class PrivateMariaDb implements AutoCloseable {

  private static final String OPTIONS =
      "sendFractionalSeconds=false&nullCatalogMeansCurrent=true&rewriteBatchedStatements=true"
          + "&allowPublicKeyRetrieval=true&useSSL=false";

  private final Path dir;
  private final int port;
  private Process server;

  private PrivateMariaDb(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Whether the binaries are here: without them the test cannot run its own server. */
  static boolean installed() {
    return binary("mariadbd") != null && binary("mariadb-install-db") != null;
  }

  /** The binary's path on the PATH or in /usr/sbin (often not on a build's PATH), or null. */
  private static String binary(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin";
    for (String d : path.split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
        return Path.of(d, name).toString();
      }
    }
    return null;
  }

  /** Creates a datadir under {@code dir}, starts the server on it and creates schema {@code cairn}. */
  static PrivateMariaDb start(Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PrivateMariaDb db = new PrivateMariaDb(dir, port);
    db.run(List.of(binary("mariadb-install-db"), "--no-defaults", "--datadir=" + dir.resolve("data"),
        "--user=" + System.getProperty("user.name"), "--auth-root-authentication-method=normal",
        "--skip-test-db"), dir.resolve("install.log"));
    db.startServer();
    try (Connection c = db.connect("");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE cairn CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }
    return db;
  }

  private void run(List<String> command, Path log) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log));
    }
  }

  /** Starts mariadbd on the datadir (after {@link #kill}: InnoDB recovers) and waits until it answers. */
  void startServer() throws Exception {
    server = new ProcessBuilder(List.of(binary("mariadbd"), "--no-defaults",
            "--datadir=" + dir.resolve("data"), "--user=" + System.getProperty("user.name"),
            "--bind-address=127.0.0.1", "--port=" + port, "--socket=" + dir.resolve("mysqld.sock"),
            "--pid-file=" + dir.resolve("mysqld.pid"), "--innodb-buffer-pool-size=128M",
            "--max-connections=200", "--log-error=" + dir.resolve("error.log")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.out").toFile()))
        .start();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (true) {
      try (Connection c = connect("")) {
        return;
      } catch (SQLException notYet) {
        if (!server.isAlive() || Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("mariadbd did not start; its log ends:\n" + errorLog(), notYet);
        }
        Thread.sleep(200);
      }
    }
  }

  /** SIGKILL: no flush, no clean shutdown; connections of clients break mid-statement. */
  void kill() throws InterruptedException {
    server.destroyForcibly();
    server.waitFor();
  }

  /** Whether a client can connect now. */
  boolean answers() {
    try (Connection c = connect("")) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  Connection connect(String schema) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mysql://127.0.0.1:" + port + "/" + schema + "?" + OPTIONS + "&connectTimeout=2000",
        "root", "");
  }

  /** The JDBC URL of schema {@code cairn}, with the options Cairn's mysql profile needs. */
  String cairnUrl() {
    return "jdbc:mysql://127.0.0.1:" + port + "/cairn?" + OPTIONS;
  }

  private String errorLog() throws IOException {
    Path log = dir.resolve("error.log");
    return Files.exists(log) ? Files.readString(log) : "(no error log)";
  }

  @Override
  public void close() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroy();
      server.waitFor();
    }
  }
}
