package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.engine.journey.JourneyMode;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.webhook.ReceiptRequest;
import io.cairn.connectors.webhook.internal.WebhookSignatures;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.ActionStats;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.profile.TagType;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.webhook.CreatedWebhook;
import io.cairn.engine.webhook.ParameterType;
import io.cairn.engine.webhook.ReceiptAnswer;
import io.cairn.engine.webhook.ReceiptSettings;
import io.cairn.engine.webhook.ReceiptStatus;
import io.cairn.engine.webhook.WebhookDraft;
import io.cairn.engine.webhook.WebhookParameter;
import io.cairn.engine.webhook.WebhookReceipts;
import io.cairn.engine.webhook.Webhooks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * A journey with a "Call webhook" node and a "Send push" node delivers to real HTTP receivers
 * (MockWebServer; 127.0.0.1 is on the SSRF allow-list for this test only), and the webhook's signed
 * receipts settle the same ledger rows: delivered, failed with the receipt's reason, never
 * backwards. Forged, stale and replayed reports change nothing.
 */
@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = {
      "cairn.dispatch.poll-interval=50ms",
      "cairn.journeys.monitor-interval=100ms",
      "cairn.security.ssrf-allow-list=127.0.0.1",
      "cairn.channels.push.connector=fcm",
      "cairn.channels.push.fcm.project-id=cairn-test",
      "cairn.channels.push.fcm.access-token=push-test-token",
      "cairn.channels.push.token-id-type=imei"
    })
class WebhookJourneyIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int USERS = 20;
  private static final MockWebServer RECEIVER = started(okAnswers());
  private static final MockWebServer FCM = started(fcmAnswers());

  @Autowired JourneyRuntime runtime;
  @Autowired JourneyStore store;
  @Autowired JourneyLauncher launcher;
  @Autowired JourneyService journeys;
  @Autowired TransactionTemplate tx;
  @Autowired TagCatalog catalog;
  @Autowired ProfileImporter importer;
  @Autowired Webhooks webhooks;
  @Autowired WebhookReceipts receipts;
  @Autowired DeliveryLedger ledger;
  @Autowired JdbcTemplate jdbc;

  @DynamicPropertySource
  static void fcm(DynamicPropertyRegistry registry) {
    String baseUrl = loopback(FCM, "/");
    registry.add("cairn.channels.push.fcm.base-url", () -> baseUrl);
  }

  @AfterAll
  static void stop() throws IOException {
    RECEIVER.shutdown();
    FCM.shutdown();
  }

  @Test
  void shouldCallTheWebhookAndPushPerUserAndSettleRowsByVerifiedReceiptsOnly() throws Exception {
    importUsers();
    CreatedWebhook crm = webhooks.create(draft("CRM", loopback(RECEIVER, "/hook"), true));
    long journeyId = deploy(crm.webhook().id());

    tx.executeWithoutResult(
        s ->
            launcher.launch(
                store.lock(journeyId).orElseThrow(),
                "user",
                RoaringBitmap.bitmapOfRange(0, USERS)));
    awaitStatus(journeyId, JourneyStatus.COMPLETED);

    // Webhook: one signed request per user with a first name (u0 has none: SKIP).
    List<JsonNode> bodies = new ArrayList<>();
    byte[] key = WebhookSignatures.standardKey(crm.secret());
    for (int i = 0; i < USERS - 1; i++) {
      RecordedRequest r = RECEIVER.takeRequest(5, TimeUnit.SECONDS);
      assertThat(r).as("webhook request " + i).isNotNull();
      byte[] body = r.getBody().readByteArray();
      assertThat(
              WebhookSignatures.verifyStandard(
                  key,
                  r.getHeader("webhook-id"),
                  Long.parseLong(r.getHeader("webhook-timestamp")),
                  body,
                  r.getHeader("webhook-signature")))
          .as("signature")
          .isTrue();
      bodies.add(JSON.readTree(body));
    }
    assertThat(RECEIVER.takeRequest(200, TimeUnit.MILLISECONDS)).as("no more requests").isNull();
    assertThat(bodies)
        .allSatisfy(
            b -> {
              assertThat(b.at("/user_profile/target_type").asText()).isEqualTo("MOBILE");
              assertThat(b.at("/user_profile/target_id").asText()).startsWith("+86137");
              assertThat(b.at("/params/coupon").asText()).isEqualTo("C-10");
              assertThat(b.at("/params/greeting").asText()).matches("Hi N[0-9]+");
              assertThat(b.at("/vars/first_name").asText()).matches("N[0-9]+");
              assertThat(b.at("/callback_params/webhook_id").asText())
                  .isEqualTo(String.valueOf(crm.webhook().id()));
            });

    // Push: one FCM request per device token, every user (REPLACE policy).
    for (int i = 0; i < USERS; i++) {
      RecordedRequest r = FCM.takeRequest(5, TimeUnit.SECONDS);
      assertThat(r).as("push request " + i).isNotNull();
      assertThat(r.getPath()).isEqualTo("/v1/projects/cairn-test/messages:send");
      assertThat(r.getHeader("Authorization")).isEqualTo("Bearer push-test-token");
      JsonNode message = JSON.readTree(r.getBody().readUtf8()).get("message");
      assertThat(message.get("token").asText()).startsWith("imei-");
      assertThat(message.at("/notification/title").asText()).matches("Hi (N[0-9]+|friend)");
      assertThat(message.at("/data/deep_link").asText()).isEqualTo("app://coupons/C-10");
    }

    ActionStats webhook = action(journeyId, "crm");
    assertThat(webhook.channel()).isEqualTo("WEBHOOK");
    assertThat(webhook.sent()).isEqualTo(USERS - 1);
    assertThat(webhook.skipped()).isEqualTo(1);
    assertThat(webhook.delivered()).isZero();
    assertThat(action(journeyId, "push").sent()).isEqualTo(USERS);

    // Receipts: 10 delivered, 1 failed.
    List<JsonNode> callbacks = bodies.stream().map(b -> b.get("callback_params")).toList();
    List<ObjectNode> items = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      items.add(item(callbacks.get(i), "200"));
    }
    items.add(item(callbacks.get(10), "500"));
    ReceiptRequest report = signed(crm.secret(), "report-1", Instant.now(), items);
    ReceiptAnswer answer = receipts.receive(null, report);
    assertThat(answer).isInstanceOf(ReceiptAnswer.Accepted.class);
    assertThat(((ReceiptAnswer.Accepted) answer).applied()).isEqualTo(11);

    webhook = action(journeyId, "crm");
    assertThat(webhook.delivered()).isEqualTo(10);
    assertThat(webhook.failed()).isEqualTo(1);
    assertThat(webhook.sent()).as("sent includes delivered, not failed").isEqualTo(USERS - 2);
    assertThat(rowOf(callbacks.get(0))).containsExactly("DELIVERED", null, "200");
    assertThat(rowOf(callbacks.get(10))).containsExactly("FAILED", "receipt: 失败", "500");

    // Replayed: the same report again changes nothing.
    assertThat(receipts.receive(null, report)).isInstanceOf(ReceiptAnswer.Duplicate.class);

    // Forward only: a later "failed" for a delivered message leaves it delivered.
    ReceiptAnswer late =
        receipts.receive(
            String.valueOf(crm.webhook().id()),
            signed(
                crm.secret(), "report-2", Instant.now(), List.of(item(callbacks.get(0), "500"))));
    assertThat(((ReceiptAnswer.Accepted) late).alreadySettled()).isEqualTo(1);
    assertThat(rowOf(callbacks.get(0))).containsExactly("DELIVERED", null, "200");

    // Forged (another secret), tampered (body changed after signing), stale (10 minutes old).
    List<ObjectNode> next = List.of(item(callbacks.get(11), "200"));
    assertThat(receipts.receive(null, signed(newSecret(), "forged", Instant.now(), next)))
        .isInstanceOf(ReceiptAnswer.Refused.class);
    ReceiptRequest good = signed(crm.secret(), "tampered", Instant.now(), next);
    ReceiptRequest tampered =
        new ReceiptRequest(
            good.headers(),
            good.query(),
            JSON.writeValueAsBytes(List.of(item(callbacks.get(12), "200"))));
    assertThat(receipts.receive(null, tampered)).isInstanceOf(ReceiptAnswer.Refused.class);
    assertThat(
            receipts.receive(
                null,
                signed(crm.secret(), "stale", Instant.now().minus(Duration.ofMinutes(10)), next)))
        .isInstanceOf(ReceiptAnswer.Refused.class);
    assertThat(rowOf(callbacks.get(11))[0]).isEqualTo("SENT");
    assertThat(rowOf(callbacks.get(12))[0]).isEqualTo("SENT");

    // Outside the receipt window (72 h): the item is invalid, the others of the report count.
    ObjectNode old = item(callbacks.get(13), "200");
    ((ObjectNode) old.get("callback_params"))
        .put("send_time", String.valueOf(Instant.now().minus(Duration.ofHours(73)).toEpochMilli()));
    ReceiptAnswer.Accepted mixed =
        (ReceiptAnswer.Accepted)
            receipts.receive(
                null, signed(crm.secret(), "report-3", Instant.now(), List.of(old, next.get(0))));
    assertThat(mixed.invalid()).isEqualTo(1);
    assertThat(mixed.applied()).isEqualTo(1);
    assertThat(rowOf(callbacks.get(13))[0]).isEqualTo("SENT");

    // Another webhook's receiver cannot settle this webhook's messages with its own secret.
    CreatedWebhook other = webhooks.create(draft("Other", loopback(RECEIVER, "/other"), true));
    ObjectNode stolen = item(callbacks.get(14), "200");
    ((ObjectNode) stolen.get("callback_params"))
        .put("webhook_id", String.valueOf(other.webhook().id()));
    ReceiptAnswer.Accepted foreign =
        (ReceiptAnswer.Accepted)
            receipts.receive(
                null, signed(other.secret(), "report-4", Instant.now(), List.of(stolen)));
    assertThat(foreign.unknown()).isEqualTo(1);
    assertThat(rowOf(callbacks.get(14))[0]).isEqualTo("SENT");

    // A journey not yet ended holds its webhook; a completed one does not.
    long crmId = crm.webhook().id();
    webhooks.disable(crmId);
    long waiting = deploy(crmId);
    assertThatThrownBy(() -> webhooks.delete(crmId))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("journey " + waiting);
    jdbc.update("UPDATE cairn_journey SET status = 'STOPPED' WHERE id = ?", waiting);
    webhooks.delete(crmId);
    assertThat(webhooks.list()).noneMatch(w -> w.id() == crmId);
  }

  @Test
  void shouldFailRecipientsOfADisabledWebhookAndRefuseItsReceiptsWhenNotEnabled() {
    importUsers();
    CreatedWebhook quiet = webhooks.create(draft("Quiet", loopback(RECEIVER, "/quiet"), false));
    long id = quiet.webhook().id();
    webhooks.disable(id);
    int before = RECEIVER.getRequestCount();

    long action =
        tx.execute(
            s ->
                ledger.enqueue(
                    new ActionRequest(
                        9_999,
                        9_999,
                        "crm",
                        "disabled-" + id,
                        Channel.WEBHOOK,
                        "user",
                        Map.of("webhook", String.valueOf(id), "idType", "MOBILE"),
                        RoaringBitmap.bitmapOfRange(1, 6))));
    awaitSettled(action);

    assertThat(
            jdbc.queryForList(
                "SELECT reason FROM cairn_delivery WHERE action_id = ?", String.class, action))
        .hasSize(5)
        .allSatisfy(
            r -> assertThat(r).isEqualTo("webhook-disabled: webhook " + id + " is disabled"));
    assertThat(RECEIVER.getRequestCount()).as("nothing sent").isEqualTo(before);

    ObjectNode item = JSON.createObjectNode().put("status", "200");
    item.putObject("callback_params")
        .put("message_id", action + "-1")
        .put("webhook_id", String.valueOf(id))
        .put("send_time", String.valueOf(Instant.now().toEpochMilli()));
    assertThat(receipts.receive(null, signed(quiet.secret(), "q-1", Instant.now(), List.of(item))))
        .isInstanceOf(ReceiptAnswer.NotEnabled.class);

    assertThat(
            ledger.settingsProblems(
                Channel.WEBHOOK,
                Map.of(
                    "webhook", String.valueOf(id), "idType", "EMAIL", "params", "{\"x\":\"1\"}")))
        .containsExactlyInAnyOrder(
            "webhook " + id + " is disabled",
            "webhook " + id + " does not accept email",
            "webhook " + id + " has no parameter x");
    assertThat(
            ledger.settingsProblems(
                Channel.WEBHOOK, Map.of("webhook", "424242", "idType", "MOBILE")))
        .containsExactly("webhook 424242 does not exist");
    assertThatThrownBy(() -> webhooks.enable(424242L)).hasMessageContaining("does not exist");
    webhooks.enable(id);
    assertThatThrownBy(() -> webhooks.delete(id)).isInstanceOf(ConflictException.class);
  }

  private static WebhookDraft draft(String name, String url, boolean receipts) {
    return new WebhookDraft(
        name,
        url,
        null,
        null,
        List.of("mobile"),
        List.of(
            new WebhookParameter("coupon", "Coupon", ParameterType.TEXT),
            new WebhookParameter("greeting", "Greeting", ParameterType.TEXT)),
        new ReceiptSettings(
            receipts,
            72,
            List.of(new ReceiptStatus("200", "成功", true), new ReceiptStatus("500", "失败", false))),
        5);
  }

  private long deploy(long webhookId) throws IOException {
    byte[] bpmn =
        new String(
                getClass().getResourceAsStream("/journeys/webhook-push.bpmn").readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("WEBHOOK_ID", String.valueOf(webhookId))
            .getBytes(StandardCharsets.UTF_8);
    String definitionId = runtime.deploy("hooks", "webhook_push", bpmn);
    return store.insertJourney("hooks", "webhook_push", JourneyMode.AUDIENCE, definitionId, 1L, bpmn);
  }

  private static boolean imported;

  /** Users u0…u19 with a mobile number and a device token; u0 has no first name. */
  private void importUsers() {
    if (imported) {
      return;
    }
    imported = true;
    catalog.define(new TagDefinition("first_name", "First name", TagType.TEXT, "user", null));
    StringBuilder csv = new StringBuilder("id,mobile,imei,first_name\n");
    for (int i = 0; i < USERS; i++) {
      csv.append("u")
          .append(i)
          .append(",+86137")
          .append(10000000 + i)
          .append(",imei-")
          .append(i)
          .append(',')
          .append(i == 0 ? "" : "N" + i)
          .append('\n');
    }
    importer.importCsv(
        "user", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), null);
  }

  private ActionStats action(long journeyId, String elementId) {
    return journeys.stats(journeyId).actions().stream()
        .filter(a -> a.elementId().equals(elementId))
        .findFirst()
        .orElseThrow();
  }

  /** status, reason, receipt status of the row a callback names. */
  private String[] rowOf(JsonNode callback) {
    String[] key = callback.get("message_id").asText().split("-");
    return jdbc.queryForObject(
        "SELECT status, reason, receipt_status FROM cairn_delivery WHERE action_id = ? AND"
            + " entity_id = ?",
        (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
        Long.parseLong(key[0]),
        Integer.parseInt(key[1]));
  }

  private static ObjectNode item(JsonNode callback, String status) {
    ObjectNode item = JSON.createObjectNode();
    item.put("msg_id", "m" + callback.get("message_id").asText());
    item.put("status", status);
    item.put("send_time", String.valueOf(Instant.now().toEpochMilli()));
    item.set("callback_params", callback.deepCopy());
    return item;
  }

  static ReceiptRequest signed(String secret, String id, Instant at, List<ObjectNode> items) {
    ArrayNode list = JSON.createArrayNode();
    items.forEach(list::add);
    byte[] body = list.toString().getBytes(StandardCharsets.UTF_8);
    String signature =
        WebhookSignatures.standard(
            WebhookSignatures.standardKey(secret), id, at.getEpochSecond(), body);
    return new ReceiptRequest(
        Map.of(
            "webhook-id", id,
            "webhook-timestamp", String.valueOf(at.getEpochSecond()),
            "webhook-signature", signature),
        Map.of(),
        body);
  }

  private static String newSecret() {
    return io.cairn.engine.webhook.internal.WebhookDrafts.newSecret();
  }

  private void awaitStatus(long journeyId, JourneyStatus status) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (journeys.get(journeyId).status() != status) {
      assertThat(Instant.now()).as("journey reached " + status).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private void awaitSettled(long action) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_delivery WHERE action_id = ? AND status IN"
                + " ('PENDING','IN_FLIGHT')",
            Integer.class,
            action)
        > 0) {
      assertThat(Instant.now()).as("action settled").isBefore(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** The server's URL by IP address: the allow-list admits 127.0.0.1, never the name localhost. */
  private static String loopback(MockWebServer server, String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  private static MockWebServer started(Dispatcher dispatcher) {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(dispatcher);
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return server;
  }

  private static Dispatcher okAnswers() {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody("{\"code\":\"OK\",\"message\":\"\",\"requestId\":\"r-1\"}");
      }
    };
  }

  private static Dispatcher fcmAnswers() {
    Map<String, Integer> counter = new HashMap<>();
    return new Dispatcher() {
      @Override
      public synchronized MockResponse dispatch(RecordedRequest request) {
        int n = counter.merge("n", 1, Integer::sum);
        return new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody("{\"name\":\"projects/cairn-test/messages/" + n + "\"}");
      }
    };
  }
}
