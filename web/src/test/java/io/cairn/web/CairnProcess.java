package io.cairn.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Cairn as a separate process ({@code java -jar}) on its embedded default (H2 file in {@code dataDir}), so that tests
 * can kill it with SIGKILL and start it again on the same data, and benchmarks measure the real
 * thing. Driven over HTTP with the JDK client.
 */
final class CairnProcess implements AutoCloseable {

  static final String ADMIN_PASSWORD = "process-secret";
  /** Generous: a start takes 30–60 s on a loaded 2-core machine. */
  private static final int STARTUP_SECONDS = 240;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dataDir;
  private final Path log;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> jvmOptions = new ArrayList<>();
  private Process process;

  CairnProcess(Path dataDir) throws IOException {
    this.dataDir = dataDir;
    this.log = dataDir.resolve("cairn.log");
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    }
  }

  /**
   * Adds JVM options to every later start. Fault tests that restart Cairn several times use
   * {@link #FAST_START}; benchmarks leave the defaults, which measure the real thing.
   */
  CairnProcess jvmOptions(String... options) {
    jvmOptions.addAll(List.of(options));
    return this;
  }

  /**
   * C1 only and the serial collector: a start costs far less CPU, and steady-state speed does not
   * matter to a fault test. Measured with SendKillIT at load ~23 on 2 cores: restarts 45–64 s
   * instead of 111–166 s, the whole test 463 s instead of 960 s.
   */
  static final String[] FAST_START = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"};

  /** Starts the process and waits until it answers its health check. */
  CairnProcess start(String... extraArgs) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar().toString(),
        "--server.port=" + port, "--cairn.data-dir=" + dataDir, "--cairn.demo.enabled=false",
        "--cairn.security.admin-password=" + ADMIN_PASSWORD, "--logging.level.root=WARN"));
    command.addAll(List.of(extraArgs));
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    Instant deadline = Instant.now().plusSeconds(STARTUP_SECONDS);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Cairn exited with " + process.exitValue() + "; its log ends:\n" + tail());
      }
      try {
        if (http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    threadDump();
    throw new IllegalStateException(
        "Cairn did not become healthy within " + STARTUP_SECONDS + " s; its log ends:\n" + tail());
  }

  /** Where a start that never became healthy was stuck, in the log (the JDK's jstack). */
  private void threadDump() {
    try {
      new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
              String.valueOf(process.pid()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start()
          .waitFor();
    } catch (IOException | InterruptedException e) {
      // a diagnostic only: the failure below says what matters
    }
  }

  private String tail() throws IOException {
    List<String> lines = java.nio.file.Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 200), lines.size()));
  }

  /** How many lines the process's log has now (all starts of this instance append to it). */
  long logLines() throws IOException {
    try (var lines = java.nio.file.Files.lines(log)) {
      return lines.count();
    }
  }

  /** The log's lines after the first {@code skip}. */
  List<String> logLinesAfter(long skip) throws IOException {
    try (var lines = java.nio.file.Files.lines(log)) {
      return lines.skip(skip).toList();
    }
  }

  /** SIGKILL: no shutdown hook, no flush, nothing the process could still do. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }

  /** The embedded database, for checks made while the process is stopped. */
  String jdbcUrl() {
    return "jdbc:h2:file:" + dataDir.resolve("cairn")
        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";
  }

  /** A single number from the embedded database ({@code SELECT COUNT(*) …}), read while stopped. */
  long count(String sql) throws java.sql.SQLException {
    try (java.sql.Connection db = java.sql.DriverManager.getConnection(jdbcUrl(), "sa", "");
        java.sql.Statement s = db.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Ledger rows by status, read from the embedded database while stopped. */
  java.util.Map<String, Long> ledgerStatuses() throws java.sql.SQLException {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    try (java.sql.Connection db = java.sql.DriverManager.getConnection(jdbcUrl(), "sa", "");
        java.sql.Statement s = db.createStatement();
        java.sql.ResultSet rs =
            s.executeQuery("SELECT status, COUNT(*) FROM cairn_delivery GROUP BY status")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** A JSON call as the admin user; fails on an error status. */
  JsonNode admin(String method, String path, String body) throws Exception {
    return admin(method, path, "application/json",
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
  }

  /** A call as the admin user with a body of any type (CSV imports, BPMN); fails on an error status. */
  JsonNode admin(String method, String path, String contentType, HttpRequest.BodyPublisher body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", contentType)
        .method(method, body);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body().isEmpty() ? null : JSON.readTree(r.body());
  }

  /** Creates an event type with no attributes and a source; returns the source's write key. */
  String eventSetup(String eventCode, String sourceCode) throws Exception {
    admin("POST", "/api/event-types", "{\"code\":\"" + eventCode + "\",\"name\":\"" + eventCode
        + "\",\"attributes\":[{\"name\":\"n\",\"type\":\"NUMBER\"}]}");
    return admin("POST", "/api/event-sources", "{\"code\":\"" + sourceCode + "\",\"name\":\"" + sourceCode
        + "\",\"channel\":\"app\"}").get("writeKey").asText();
  }

  /** Posts a batch of events with a write key; returns the status and body. */
  HttpResponse<String> postEvents(String writeKey, String batch) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri("/api/events"))
        .header("Authorization", "Bearer " + writeKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The jar the README runs (built by {@code package}, before integration tests): not the test
   * classpath, whose test initializer would swap the database for an in-memory one.
   */
  private static Path jar() {
    Path jar = Path.of("target", "cairn.jar").toAbsolutePath();
    if (!java.nio.file.Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the integration tests through Maven (verify)");
    }
    return jar;
  }

  /** {@code size} events of {@code eventCode} with ids e{firstId}…, over 50,000 users. */
  static String batch(String eventCode, long firstId, int size, long eventTime) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < size; i++) {
      long id = firstId + i;
      b.append(i == 0 ? "" : ",").append("{\"customerId\":\"k").append(id % 50_000)
          .append("\",\"eventCode\":\"").append(eventCode).append("\",\"eventTime\":").append(eventTime)
          .append(",\"attributes\":{\"n\":").append(id).append("},\"id\":\"e").append(id).append("\"}");
    }
    return b.append(']').toString();
  }

  /** How many items of an ingestion answer have the status. */
  static int count(String answer, String status) {
    String needle = "\"status\":\"" + status + "\"";
    int n = 0;
    for (int i = answer.indexOf(needle); i >= 0; i = answer.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
