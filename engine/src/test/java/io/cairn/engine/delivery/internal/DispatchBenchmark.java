package io.cairn.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import com.sun.net.httpserver.HttpServer;
import io.cairn.connectors.http.OutboundHttp;
import io.cairn.engine.webhook.CreatedWebhook;
import io.cairn.engine.webhook.ParameterType;
import io.cairn.engine.webhook.ReceiptSettings;
import io.cairn.engine.webhook.ReceiptStatus;
import io.cairn.engine.webhook.WebhookDraft;
import io.cairn.engine.webhook.WebhookParameter;
import io.cairn.engine.webhook.Webhooks;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * DSP-1 and DSP-2. DSP-1: dispatch throughput to a batched loopback provider (1,000 recipients per request, the
 * generic HTTP SMS contract), every outcome recorded in the ledger. Setup (not measured): N users
 * with a mobile number, inserted directly. Measured: the action's ledger rows written in one
 * engine transaction ({@link DeliveryLedger#enqueue}), then the dispatcher from that commit until
 * the action is DONE with every row SENT. Peers in the same run, on the same database: N rows of
 * the ledger's shape written with JDBC batches (multi-row INSERTs) and with LOAD DATA — the
 * database's own write ceilings the goal is set against.
 *
 * <p>DSP-2: the same, through the webhook connector (one signed request per recipient) to a
 * loopback receiver; its peer is plain OkHttp from 64 concurrent callers to the same receiver, the
 * HTTP ceiling of this machine. Prints figures, asserts correctness only.
 */
@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = {
      "cairn.dispatch.poll-interval=20ms",
      "cairn.channels.sms.connector=http",
      "cairn.channels.sms.http.batch-size=1000",
      "cairn.security.ssrf-allow-list=127.0.0.1"
    })
class DispatchBenchmark {

  private static final int USERS = Integer.getInteger("cairn.bench.recipients", 1_000_000);
  private static final int CALLS = Integer.getInteger("cairn.bench.webhook-calls", 100_000);
  private static boolean usersInserted;
  private static final MockWebServer PROVIDER = new MockWebServer();
  private static final AtomicLong RECEIVED = new AtomicLong();
  private static final JsonFactory JSON = new JsonFactory();

  static {
    PROVIDER.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(accept(request.getBody().inputStream()));
          }
        });
  }

  /** Accepts every message of a request: {"results":[{"id":…,"status":"accepted"},…]}. */
  private static String accept(InputStream body) {
    StringBuilder out = new StringBuilder(64 * 1024).append("{\"results\":[");
    try (JsonParser p = JSON.createParser(body)) {
      boolean first = true;
      while (p.nextToken() != null) {
        if (p.currentToken() == JsonToken.FIELD_NAME && "id".equals(p.currentName())) {
          String id = p.nextTextValue();
          out.append(first ? "" : ",").append("{\"id\":\"").append(id)
              .append("\",\"status\":\"accepted\",\"providerMessageId\":\"p").append(id).append("\"}");
          first = false;
          RECEIVED.incrementAndGet();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.append("]}").toString();
  }

  @DynamicPropertySource
  static void provider(DynamicPropertyRegistry registry) {
    registry.add("cairn.channels.sms.http.url", () -> PROVIDER.url("/sms").toString());
  }

  @AfterAll
  static void stop() throws IOException {
    PROVIDER.shutdown();
    RECEIVER.stop(0);
  }

  private static final AtomicLong CALLED = new AtomicLong();
  private static final HttpServer RECEIVER = receiver();

  /** A loopback webhook receiver: answers every request 200 on 8 threads. */
  private static HttpServer receiver() {
    // Without TCP_NODELAY every answer waits for the client's delayed ACK (~40 ms).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
      server.createContext("/hook", exchange -> {
        exchange.getRequestBody().readAllBytes();
        CALLED.incrementAndGet();
        byte[] ok = "{\"code\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, ok.length);
        exchange.getResponseBody().write(ok);
        exchange.close();
      });
      server.setExecutor(Executors.newFixedThreadPool(8));
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Autowired DeliveryLedger ledger;
  @Autowired Webhooks webhooks;
  @Autowired OkHttpClient cairnHttpClient;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcTemplate jdbc;

  @Test
  void dispatchToABatchedProvider() throws Exception {
    String db = System.getProperty("cairn.test.db", "h2");
    insertUsers();
    RoaringBitmap audience = new RoaringBitmap();
    audience.add(1L, USERS + 1L);

    long t0 = System.nanoTime();
    long action =
        tx.execute(
            s ->
                ledger.enqueue(
                    new ActionRequest(
                        1, 1, "sms", "dsp-1", Channel.SMS, "user",
                        Map.of("template", "Your order has shipped: track it in the app"),
                        audience)));
    long t1 = System.nanoTime();
    while (!"DONE".equals(jdbc.queryForObject(
        "SELECT status FROM cairn_action_execution WHERE id = ?", String.class, action))) {
      Thread.sleep(5);
    }
    long t2 = System.nanoTime();

    assertThat(jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_delivery WHERE action_id = ? AND status = 'SENT'"
                + " AND provider_ref IS NOT NULL",
            Long.class, action))
        .isEqualTo(USERS);
    assertThat(RECEIVED.get()).isEqualTo(USERS);

    double enqueue = (t1 - t0) / 1e9;
    double dispatch = (t2 - t1) / 1e9;
    double batched = peerBatchedInsert();
    double loadData = "mysql".equals(db) ? peerLoadData() : Double.NaN;
    System.out.printf(Locale.ROOT,
        "%nDSP-1 (%s, %,d recipients, 1,000 per request):%n"
            + "  ledger rows written (enqueue): %.2f s, %,.0f rows/s%n"
            + "  dispatch, commit -> every outcome recorded: %.2f s, %,.0f recipients/s (goal >= 200,000)%n"
            + "  peer, JDBC batched insert of the same rows: %,.0f rows/s (Cairn dispatch = %.2fx)%n"
            + "  peer, LOAD DATA of the same rows: %,.0f rows/s (Cairn dispatch = %.2fx)%n",
        db, USERS, enqueue, USERS / enqueue, dispatch, USERS / dispatch,
        batched, USERS / dispatch / batched, loadData, USERS / dispatch / loadData);
  }

  @Test
  void callAWebhookPerRecipient() throws Exception {
    String db = System.getProperty("cairn.test.db", "h2");
    insertUsers();
    String url = "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/hook";
    CreatedWebhook hook =
        webhooks.create(new WebhookDraft(
            "bench", url, null, null, List.of("mobile"),
            List.of(new WebhookParameter("coupon", "Coupon", ParameterType.TEXT)),
            new ReceiptSettings(false, 72, List.of(new ReceiptStatus("200", "ok", true))), 5));
    RoaringBitmap audience = new RoaringBitmap();
    audience.add(1L, CALLS + 1L);
    long before = CALLED.get();

    long t0 = System.nanoTime();
    long action =
        tx.execute(
            s ->
                ledger.enqueue(
                    new ActionRequest(
                        2, 2, "hook", "dsp-2", Channel.WEBHOOK, "user",
                        Map.of("webhook", String.valueOf(hook.webhook().id()), "idType", "MOBILE",
                            "params", "{\"coupon\":\"C-10\"}"),
                        audience)));
    long t1 = System.nanoTime();
    while (!"DONE".equals(jdbc.queryForObject(
        "SELECT status FROM cairn_action_execution WHERE id = ?", String.class, action))) {
      Thread.sleep(5);
    }
    long t2 = System.nanoTime();

    assertThat(jdbc.queryForList(
            "SELECT status, MIN(reason), COUNT(*) FROM cairn_delivery WHERE action_id = ?"
                + " GROUP BY status", action))
        .singleElement()
        .satisfies(row -> assertThat(row.values()).containsExactly("SENT", null, (long) CALLS));
    assertThat(CALLED.get() - before).isEqualTo(CALLS);
    double dispatch = (t2 - t1) / 1e9;
    double peer = peerOkHttp(url);
    System.out.printf(Locale.ROOT,
        "%nDSP-2 (%s, %,d recipients, one webhook request each):%n"
            + "  ledger rows written (enqueue): %.2f s%n"
            + "  dispatch, commit -> every outcome recorded: %.2f s, %,.0f calls/s (goal >= 10,000)%n"
            + "  peer, plain OkHttp, 64 concurrent callers, same receiver: %,.0f req/s"
            + " (Cairn = %.2fx)%n",
        db, CALLS, (t1 - t0) / 1e9, dispatch, CALLS / dispatch, peer, CALLS / dispatch / peer);
  }

  /** Requests per second of OkHttp alone: 64 callers posting a small JSON body in a loop. */
  private double peerOkHttp(String url) throws Exception {
    OkHttpClient client = OutboundHttp.newSharedClient();
    AtomicLong left = new AtomicLong(CALLS);
    okhttp3.RequestBody body = okhttp3.RequestBody.create(
        "{\"user_profile\":{\"mobile\":\"+8613800000000\"},\"params\":{\"coupon\":\"C-10\"}}",
        okhttp3.MediaType.get("application/json"));
    var pool = Executors.newFixedThreadPool(64);
    long t0 = System.nanoTime();
    List<java.util.concurrent.Future<?>> callers = new ArrayList<>();
    for (int c = 0; c < 64; c++) {
      callers.add(pool.submit(() -> {
        while (left.getAndDecrement() > 0) {
          try (okhttp3.Response r = client.newCall(
              new okhttp3.Request.Builder().url(url).post(body).build()).execute()) {
            r.body().bytes();
          }
        }
        return null;
      }));
    }
    for (var f : callers) {
      f.get();
    }
    double rate = CALLS / ((System.nanoTime() - t0) / 1e9);
    pool.shutdown();
    return rate;
  }

  /** Users 1..n with a mobile number (once per JVM: the context is shared by both tests). */
  private void insertUsers() {
    if (usersInserted) {
      return;
    }
    usersInserted = true;
    int users = Math.max(USERS, CALLS);
    List<Object[]> entities = new ArrayList<>();
    List<Object[]> mobiles = new ArrayList<>();
    for (int i = 1; i <= users; i++) {
      entities.add(new Object[] {i, "u" + i});
      mobiles.add(new Object[] {i, "+86138" + (10_000_000 + i)});
      if (entities.size() == 10_000 || i == users) {
        jdbc.batchUpdate(
            "INSERT INTO cairn_entity (entity_type, id, external_id) VALUES ('user',?,?)", entities);
        jdbc.batchUpdate(
            "INSERT INTO cairn_identity (entity_type, id_type, entity_id, id_value)"
                + " VALUES ('user','mobile',?,?)",
            mobiles);
        entities.clear();
        mobiles.clear();
      }
    }
  }

  private static final String PEER_TABLE =
      "CREATE TABLE dsp_peer (action_id BIGINT NOT NULL, entity_id INT NOT NULL,"
          + " status VARCHAR(16) NOT NULL, recipient VARCHAR(320), provider_ref VARCHAR(128),"
          + " attempts INT NOT NULL, updated_at DATETIME NOT NULL,"
          + " PRIMARY KEY (action_id, entity_id))";

  /** Rows per second of batched multi-row INSERTs (1,000 rows per statement). */
  private double peerBatchedInsert() {
    jdbc.execute("DROP TABLE IF EXISTS dsp_peer");
    jdbc.execute(PEER_TABLE);
    long t0 = System.nanoTime();
    List<Object[]> rows = new ArrayList<>(1000);
    java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
    for (int i = 1; i <= USERS; i++) {
      rows.add(new Object[] {1, i, "SENT", "+86138" + (10_000_000 + i), "p1-" + i, 1, now});
      if (rows.size() == 1000 || i == USERS) {
        jdbc.batchUpdate("INSERT INTO dsp_peer VALUES (?,?,?,?,?,?,?)", rows);
        rows.clear();
      }
    }
    return USERS / ((System.nanoTime() - t0) / 1e9);
  }

  /** Rows per second of LOAD DATA LOCAL INFILE (MySQL/MariaDB only) of the same rows. */
  private double peerLoadData() throws Exception {
    Path file = Files.createTempFile("dsp-peer", ".tsv");
    try {
      StringBuilder tsv = new StringBuilder();
      for (int i = 1; i <= USERS; i++) {
        tsv.append("1\t").append(i).append("\tSENT\t+86138").append(10_000_000 + i)
            .append("\tp1-").append(i).append("\t1\t2026-12-01 00:00:00\n");
      }
      Files.writeString(file, tsv, StandardCharsets.UTF_8);
      String schema = jdbc.queryForObject("SELECT DATABASE()", String.class);
      try (Connection c = DriverManager.getConnection(
              TestDatabase.mysqlSchemaUrl(schema) + "&allowLoadLocalInfile=true",
              TestDatabase.mysqlUser(), TestDatabase.mysqlPassword());
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS dsp_peer");
        s.execute(PEER_TABLE);
        long t0 = System.nanoTime();
        s.execute("LOAD DATA LOCAL INFILE '" + file.toAbsolutePath() + "' INTO TABLE dsp_peer");
        return USERS / ((System.nanoTime() - t0) / 1e9);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
