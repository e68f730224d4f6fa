package io.cairn.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.platform.PlatformException;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * The third-party SMS platform end to end on the real ledger: an action is sent through {@code
 * sms.platform}, the platform's delivery reports (two pages, with waiting, unknown and foreign ids
 * among them) settle its rows through the receipt path, the cursor is stored, and journey
 * validation asks the platform about the node's template and signature.
 */
@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = {
      "cairn.dispatch.poll-interval=50ms",
      "cairn.channels.sms.connector=platform",
      "cairn.channels.sms.platform.name=Acme SMS",
      "cairn.channels.sms.platform.api-key=platform-key",
      "cairn.channels.sms.platform.zone=UTC",
      "cairn.channels.sms.platform.report-interval=0s",
      "cairn.channels.sms.platform.report-page-size=6",
      "cairn.channels.sms.platform.report-overlap=5m",
      "cairn.channels.sms.platform.status-cache-ttl=1h"
    })
class SmsPlatformReportsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final MockWebServer PLATFORM = new MockWebServer();

  /** The report pages the platform serves, by page number (1-based); the total is their sum. */
  private static final AtomicReference<List<List<ObjectNode>>> PAGES =
      new AtomicReference<>(List.of());

  private static final List<JsonNode> SENT_BATCHES = new CopyOnWriteArrayList<>();
  private static final List<JsonNode> REPORT_QUERIES = new CopyOnWriteArrayList<>();
  private static final Map<String, AtomicInteger> STATUS_QUERIES = new ConcurrentHashMap<>();
  private static final AtomicInteger FAILING_PAGE = new AtomicInteger();

  static {
    PLATFORM.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (!"platform-key".equals(request.getHeader("X-Api-Key"))) {
              return new MockResponse().setResponseCode(401);
            }
            try {
              return answer(request);
            } catch (IOException e) {
              return new MockResponse().setResponseCode(400);
            }
          }
        });
  }

  private static MockResponse answer(RecordedRequest request) throws IOException {
    String path = request.getPath();
    ObjectNode answer = JSON.createObjectNode().put("platformName", "Acme SMS").put("code", "OK");
    if (path.equals("/api/sms/sendBatch")) {
      SENT_BATCHES.add(JSON.readTree(request.getBody().readUtf8()));
      answer.put("bizId", "biz-" + SENT_BATCHES.size());
    } else if (path.equals("/api/sms/sendDetails")) {
      JsonNode query = JSON.readTree(request.getBody().readUtf8());
      REPORT_QUERIES.add(query);
      List<List<ObjectNode>> pages = PAGES.get();
      int page = query.get("currentPage").asInt();
      if (page == FAILING_PAGE.get()) {
        return new MockResponse().setResponseCode(503);
      }
      ArrayNode details = answer.putArray("sendDetailDTOs");
      if (page <= pages.size()) {
        pages.get(page - 1).forEach(details::add);
      }
      answer.put("totalCount", pages.stream().mapToInt(List::size).sum());
    } else if (path.startsWith("/api/sms/smsTemplate/")) {
      String code = path.substring(path.lastIndexOf('/') + 1);
      STATUS_QUERIES.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
      switch (code) {
        case "SMS_OK" -> answer.put("templateStatus", 1).put("templateType", 1);
        case "SMS_PROMO" ->
            answer.put("templateStatus", 1).put("templateType", 2).put("templateContent", "Sale!");
        case "SMS_REVIEW" -> answer.put("templateStatus", 0).put("templateType", 1);
        case "SMS_DOWN" -> {
          return new MockResponse().setResponseCode(503);
        }
        default -> answer.put("templateStatus", 2).put("templateType", 1).put("reason", "wording");
      }
    } else if (path.startsWith("/api/sms/smsSign/")) {
      String sign = path.substring(path.lastIndexOf('/') + 1);
      STATUS_QUERIES.computeIfAbsent("sign:" + sign, c -> new AtomicInteger()).incrementAndGet();
      answer.put("signStatus", sign.equals("Cairn") ? 1 : 2).put("reason", "no proof");
    } else {
      return new MockResponse().setResponseCode(404);
    }
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(answer.toString());
  }

  @DynamicPropertySource
  static void platform(DynamicPropertyRegistry registry) {
    registry.add("cairn.channels.sms.platform.url", () -> PLATFORM.url("/api").toString());
  }

  @AfterAll
  static void stop() throws IOException {
    PLATFORM.shutdown();
  }

  @Autowired DeliveryLedger ledger;
  @Autowired SmsReportPoller poller;
  @Autowired ProfileImporter importer;
  @Autowired ProfileReader profiles;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldSettleRowsFromTwoPagesOfReportsAndSkipWaitingUnknownAndForeignOnes() throws Exception {
    REPORT_QUERIES.clear();
    List<Integer> ids = importUsers(8);
    RoaringBitmap audience = new RoaringBitmap();
    ids.forEach(audience::add);
    long action =
        tx.execute(
            s ->
                ledger.enqueue(
                    new ActionRequest(
                        9,
                        90,
                        "sms",
                        "platform-1",
                        Channel.SMS,
                        "user",
                        Map.of("template", "Hello", "signature", "Cairn", "templateCode", "SMS_OK"),
                        audience)));
    awaitDone(action);
    assertThat(statuses(action)).isEqualTo(Map.of("SENT", 8L));
    JsonNode batch = SENT_BATCHES.get(0);
    assertThat(batch.get("templateCode").asText()).isEqualTo("SMS_OK");
    assertThat(batch.get("recipients").get(0).get("outId").asText()).startsWith(action + "-");

    long foreign = foreignSentRow(ids.get(0));
    String key0 = action + "-" + ids.get(0);
    PAGES.set(
        List.of(
            List.of(
                report(key0, 2, "DELIVERED"),
                report(action + "-" + ids.get(1), 2, "DELIVERED"),
                report(action + "-" + ids.get(2), 1, "MK:0001"),
                report("not-ours-at-all", 2, "DELIVERED"),
                report(foreign + "-" + ids.get(0), 2, "DELIVERED"),
                report(action + "-" + ids.get(3), 2, "DELIVERED")),
            List.of(
                report(action + "-" + ids.get(4), 2, "DELIVERED"),
                report(action + "-" + ids.get(5), 1, ""),
                report(action + "-" + ids.get(6), 0, ""),
                report("999999999-1", 2, "DELIVERED"))));

    SmsReportPoller.Poll poll = poller.pollOnce();

    assertThat(poll).isEqualTo(new SmsReportPoller.Poll(2, 6, 0, 3, 1));
    assertThat(REPORT_QUERIES).hasSize(2);
    assertThat(REPORT_QUERIES.get(1).get("currentPage").asInt()).isEqualTo(2);
    assertThat(REPORT_QUERIES.get(1).get("pageSize").asInt()).isEqualTo(6);
    assertThat(statuses(action)).isEqualTo(Map.of("DELIVERED", 4L, "FAILED", 2L, "SENT", 2L));
    assertThat(reason(action, ids.get(2))).isEqualTo("receipt: MK:0001");
    assertThat(reason(action, ids.get(5))).isEqualTo("receipt: FAILED");
    assertThat(statuses(foreign)).as("another connector's row").isEqualTo(Map.of("SENT", 1L));

    Instant cursor =
        jdbc.queryForObject(
                "SELECT reported_until FROM cairn_sms_platform_cursor WHERE platform = 'Acme SMS'",
                Timestamp.class)
            .toInstant();
    String end = REPORT_QUERIES.get(0).get("endDate").asText();
    assertThat(MINUTES.format(LocalDateTime.ofInstant(cursor, ZoneOffset.UTC))).isEqualTo(end);

    SmsReportPoller.Poll again = poller.pollOnce();

    assertThat(again.applied()).isZero();
    assertThat(again.alreadySettled()).isEqualTo(6);
    assertThat(REPORT_QUERIES.get(2).get("startDate").asText())
        .as("the next window starts report-overlap before the cursor")
        .isEqualTo(
            MINUTES.format(
                LocalDateTime.ofInstant(cursor.minus(Duration.ofMinutes(5)), ZoneOffset.UTC)));
    assertThat(statuses(action)).isEqualTo(Map.of("DELIVERED", 4L, "FAILED", 2L, "SENT", 2L));
  }

  @Test
  void shouldKeepTheCursorWhenThePlatformFailsMidWay() {
    jdbc.update("DELETE FROM cairn_sms_platform_cursor");
    REPORT_QUERIES.clear();
    List<ObjectNode> fullPage = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      fullPage.add(report("888888881-" + i, 2, "DELIVERED"));
    }
    PAGES.set(List.of(fullPage, List.of(report("888888881-9", 2, "DELIVERED"))));
    FAILING_PAGE.set(2);
    try {
      assertThatThrownBy(poller::pollOnce)
          .isInstanceOfSatisfying(
              PlatformException.class, e -> assertThat(e.isTransient()).isTrue());
    } finally {
      FAILING_PAGE.set(0);
    }

    assertThat(REPORT_QUERIES).hasSize(2);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cairn_sms_platform_cursor", Integer.class))
        .as("a window read in part does not move the cursor")
        .isZero();
  }

  @Test
  void shouldFailTransientlyAndStoreNoCursorWhenThePlatformIsNotReachable() {
    SmsReportPoller offline = pollerAgainst("http://127.0.0.1:9/api");

    assertThatThrownBy(offline::pollOnce)
        .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.isTransient()).isTrue());
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM cairn_sms_platform_cursor WHERE platform = 'Offline'",
                Integer.class))
        .isZero();
  }

  @Test
  void shouldReportTemplateAndSignatureProblemsFromThePlatformAndCacheTheAnswers() {
    Map<String, String> ok =
        Map.of("template", "Hi", "signature", "【Cairn】", "templateCode", "SMS_OK");

    assertThat(ledger.settingsProblems(Channel.SMS, ok)).isEmpty();
    assertThat(ledger.settingsProblems(Channel.SMS, ok)).isEmpty();
    assertThat(STATUS_QUERIES.get("SMS_OK").get()).as("cached").isEqualTo(1);
    assertThat(STATUS_QUERIES.get("sign:Cairn").get()).isEqualTo(1);

    assertThat(ledger.settingsProblems(Channel.SMS, Map.of("template", "Hi")))
        .anyMatch(p -> p.startsWith("templateCode:"))
        .anyMatch(p -> p.startsWith("signature:"));
    assertThat(
            ledger.settingsProblems(
                Channel.SMS,
                Map.of("template", "Hi", "signature", "Other", "templateCode", "SMS_REVIEW")))
        .containsExactly(
            "templateCode: template SMS_REVIEW is still in review on the SMS platform",
            "signature: Other was rejected by the SMS platform: no proof");
    assertThat(
            ledger.settingsProblems(
                Channel.SMS,
                Map.of("template", "Hi", "signature", "Cairn", "templateCode", "SMS_BAD")))
        .containsExactly(
            "templateCode: template SMS_BAD was rejected by the SMS platform: wording");
    assertThat(
            ledger.settingsProblems(
                Channel.SMS,
                Map.of(
                    "template",
                    "Hi",
                    "signature",
                    "Cairn",
                    "templateCode",
                    "SMS_OK",
                    "type",
                    "PROMOTIONAL")))
        .containsExactly(
            "templateCode: template SMS_OK is a NOTIFICATION template, the node sends PROMOTIONAL");
    assertThat(
            ledger.settingsProblems(
                Channel.SMS,
                Map.of(
                    "template",
                    "Hi",
                    "signature",
                    "Cairn",
                    "templateCode",
                    "SMS_PROMO",
                    "type",
                    "PROMOTIONAL")))
        .singleElement()
        .asString()
        .contains("does not end with the opt-out text");
    assertThat(
            ledger.settingsProblems(
                Channel.SMS,
                Map.of("template", "Hi", "signature", "Cairn", "templateCode", "SMS_DOWN")))
        .singleElement()
        .asString()
        .startsWith("templateCode: template SMS_DOWN could not be checked");
    ledger.settingsProblems(
        Channel.SMS, Map.of("template", "Hi", "signature", "Cairn", "templateCode", "SMS_DOWN"));
    assertThat(STATUS_QUERIES.get("SMS_DOWN").get()).as("failures are not cached").isEqualTo(2);
  }

  private SmsReportPoller pollerAgainst(String url) {
    SmsPlatformProperties props =
        new SmsPlatformProperties(
            url,
            "Offline",
            "k",
            null,
            null,
            Duration.ofMillis(500),
            null,
            Duration.ZERO,
            null,
            null,
            null,
            null);
    return new SmsReportPoller(
        new io.cairn.connectors.platform.SmsPlatformClient(
            io.cairn.connectors.http.OutboundHttp.newSharedClient(),
            props.endpoint(),
            java.time.Clock.systemUTC()),
        ledger,
        jdbc,
        tx,
        java.time.Clock.systemUTC(),
        props);
  }

  private static ObjectNode report(String outId, int sendStatus, String errCode) {
    return JSON.createObjectNode()
        .put("outId", outId)
        .put("sendStatus", sendStatus)
        .put("errCode", errCode)
        .put("phoneNum", "13800000000")
        .put("receiveDate", "2026-12-01 10:00:00");
  }

  private List<Integer> importUsers(int n) {
    StringBuilder csv = new StringBuilder("id,mobile\n");
    List<String> external = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      csv.append("plat").append(i).append(",+86139").append(10000000 + i).append('\n');
      external.add("plat" + i);
    }
    importer.importCsv(
        "user", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), null);
    Map<String, Integer> byExternal = profiles.entityIds("user", external);
    return external.stream().map(byExternal::get).toList();
  }

  /** An action sent through another SMS connector, with one SENT row. */
  private long foreignSentRow(int entityId) {
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update(
        "INSERT INTO cairn_action_execution (journey_id, run_id, element_id, activity_instance_id,"
            + " channel, connector_id, entity_type, settings, recipients, status, created_at)"
            + " VALUES (9, 91, 'sms', 'foreign-1', 'SMS', 'sms.http', 'user', '{}', 1, 'DONE', ?)",
        now);
    long id =
        jdbc.queryForObject(
            "SELECT id FROM cairn_action_execution WHERE activity_instance_id = 'foreign-1'",
            Long.class);
    jdbc.update(
        "INSERT INTO cairn_delivery (action_id, entity_id, status, attempts, updated_at)"
            + " VALUES (?, ?, 'SENT', 1, ?)",
        id,
        entityId,
        now);
    return id;
  }

  private Map<String, Long> statuses(long action) {
    Map<String, Long> out = new TreeMap<>();
    jdbc.query(
        "SELECT status, COUNT(*) FROM cairn_delivery WHERE action_id = ? GROUP BY status",
        rs -> {
          out.put(rs.getString(1), rs.getLong(2));
        },
        action);
    return out;
  }

  private String reason(long action, int entity) {
    return jdbc.queryForObject(
        "SELECT reason FROM cairn_delivery WHERE action_id = ? AND entity_id = ?",
        String.class,
        action,
        entity);
  }

  private void awaitDone(long action) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!"DONE"
        .equals(
            jdbc.queryForObject(
                "SELECT status FROM cairn_action_execution WHERE id = ?", String.class, action))) {
      assertThat(Instant.now()).as("action " + action + " done").isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
