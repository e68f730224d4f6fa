package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.webhook.internal.WebhookSignatures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The webhook API over HTTP: authentication, field-named 400s (SSRF-refused URLs among them), the
 * secret shown once and never again (not in answers, the database or the log), a real test send
 * with its downloadable log, and the receipt endpoint authenticated by signature only. 127.0.0.1 is
 * on the SSRF allow-list here so that the test receiver is reachable; the name localhost, private
 * and link-local addresses stay refused.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cairn.security.admin-password=it-secret",
      "cairn.demo.enabled=false",
      "cairn.security.secrets-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "cairn.security.ssrf-allow-list=127.0.0.1"
    })
class WebhookApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MockWebServer RECEIVER = new MockWebServer();

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;

  private final List<String> answers = new ArrayList<>();

  @AfterAll
  static void stop() throws IOException {
    RECEIVER.shutdown();
  }

  @Test
  void shouldManageTestAndReceiveWithoutEverShowingTheSecretAgain(CapturedOutput output)
      throws Exception {
    CairnApi api = new CairnApi(rest.withBasicAuth("admin", "it-secret"));
    RECEIVER.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody("{\"code\":\"OK\",\"message\":\"\",\"requestId\":\"crm-1\"}"));
    String url = "http://127.0.0.1:" + RECEIVER.getPort() + "/hook?token=abc";

    assertThat(rest.getForEntity("/api/webhooks", String.class).getStatusCode().value())
        .isEqualTo(401);
    assertThat(
            rest.exchange("/api/webhooks/receipts", HttpMethod.GET, HttpEntity.EMPTY, String.class)
                .getStatusCode()
                .value())
        .as("only POST of the receipt route is open")
        .isEqualTo(401);

    // The creation answer is the one place the secret shows; every later answer is kept.
    ResponseEntity<JsonNode> created = api.postJson("/api/webhooks", webhook("CRM", url, null));
    assertThat(created.getStatusCode().value())
        .as(String.valueOf(created.getBody()))
        .isEqualTo(201);
    String secret = created.getBody().get("secret").asText();
    long id = created.getBody().at("/webhook/id").asLong();
    assertThat(secret).startsWith("whsec_");
    assertThat(created.getBody().at("/webhook/secretHint").asText())
        .isEqualTo("whsec_…" + secret.substring(secret.length() - 4));
    assertThat(created.getBody().at("/webhook/enabled").asBoolean()).isTrue();
    assertThat(created.getBody().at("/webhook/idTypes").toString()).isEqualTo("[\"mobile\"]");

    JsonNode one = keep(api.get("/api/webhooks/" + id)).getBody();
    assertThat(one.has("secret")).isFalse();
    assertThat(one.at("/receipts/statuses/1/name").asText()).isEqualTo("失败");
    keep(api.get("/api/webhooks"));
    assertThat(jdbc.queryForList("SELECT * FROM cairn_webhook").toString()).doesNotContain(secret);

    // Test send: one real, signed request; the log withholds the signature.
    ResponseEntity<JsonNode> tested =
        keep(
            api.postJson(
                "/api/webhooks/" + id + "/test",
                Map.of(
                    "idType", "mobile",
                    "targetId", "+8613800000001",
                    "params", "{\"coupon\":\"C-${tier}\"}",
                    "values", Map.of("tier", "gold"))));
    assertThat(tested.getStatusCode().value()).as(String.valueOf(tested.getBody())).isEqualTo(200);
    assertThat(tested.getBody().get("outcome").asText()).isEqualTo("SENT");
    assertThat(tested.getBody().get("responseStatus").asInt()).isEqualTo(200);
    RecordedRequest received = RECEIVER.takeRequest(5, TimeUnit.SECONDS);
    JsonNode body = JSON.readTree(received.getBody().readUtf8());
    assertThat(body.at("/params/coupon").asText()).isEqualTo("C-gold");
    assertThat(received.getHeader("webhook-signature")).startsWith("v1,");
    String log = tested.getBody().get("log").asText();
    assertThat(log)
        .contains("webhook-signature: (withheld)")
        .contains("token=***")
        .contains("\"coupon\":\"C-gold\"")
        .contains("< HTTP 200")
        .doesNotContain(received.getHeader("webhook-signature"));

    ResponseEntity<String> download =
        api.http().getForEntity("/api/webhooks/" + id + "/test-log", String.class);
    answers.add(download.getBody());
    assertThat(download.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_PLAIN))
        .isTrue();
    assertThat(download.getHeaders().getContentDisposition().getFilename())
        .isEqualTo("webhook-" + id + "-test-log.txt");
    assertThat(download.getBody()).contains("outcome:  SENT").contains("(withheld)");

    // Changes need the webhook disabled; then they keep the secret.
    Map<String, Object> renamed = webhook("CRM (EU)", url, null);
    assertThat(keep(api.putJson("/api/webhooks/" + id, renamed)).getStatusCode().value())
        .isEqualTo(409);
    keep(api.post("/api/webhooks/" + id + "/disable"));
    ResponseEntity<JsonNode> updated = keep(api.putJson("/api/webhooks/" + id, renamed));
    assertThat(updated.getStatusCode().value())
        .as(String.valueOf(updated.getBody()))
        .isEqualTo(200);
    assertThat(updated.getBody().get("name").asText()).isEqualTo("CRM (EU)");
    assertThat(updated.getBody().get("secretHint").asText())
        .endsWith(secret.substring(secret.length() - 4));
    keep(api.post("/api/webhooks/" + id + "/enable"));

    // Receipts: signature only, no Cairn account.
    String report =
        "[{\"msg_id\":\"m1\",\"status\":\"200\",\"cst_id\":\"+8613800000001\","
            + "\"callback_params\":{\"message_id\":\"123-4\",\"webhook_id\":\""
            + id
            + "\",\"send_time\":\""
            + Instant.now().toEpochMilli()
            + "\"}}]";
    ResponseEntity<JsonNode> accepted = receipt(secret, "r-1", Instant.now(), report);
    assertThat(accepted.getStatusCode().value())
        .as(String.valueOf(accepted.getBody()))
        .isEqualTo(200);
    assertThat(accepted.getBody().get("code").asText()).isEqualTo("OK");
    assertThat(accepted.getBody().get("unknown").asInt()).as("no such message").isEqualTo(1);
    assertThat(receipt(secret, "r-1", Instant.now(), report).getStatusCode().value())
        .as("replayed")
        .isEqualTo(409);
    assertThat(
            receipt(secret, "r-2", Instant.now().minusSeconds(600), report).getStatusCode().value())
        .as("stale")
        .isEqualTo(401);
    String forger = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
    ResponseEntity<JsonNode> forged = receipt(forger, "r-3", Instant.now(), report);
    assertThat(forged.getStatusCode().value()).as("forged").isEqualTo(401);
    assertThat(forged.getBody().get("type").asText())
        .isEqualTo("urn:cairn:problem:receipt-unauthenticated");
    HttpHeaders basic = new HttpHeaders();
    basic.setBasicAuth("admin", "it-secret");
    basic.setContentType(MediaType.APPLICATION_JSON);
    assertThat(
            rest.exchange(
                    "/api/webhooks/receipts",
                    HttpMethod.POST,
                    new HttpEntity<>(report, basic),
                    String.class)
                .getStatusCode()
                .value())
        .as("user credentials are no receipt signature")
        .isEqualTo(401);

    // A given secret is never echoed, not even when it is refused.
    ResponseEntity<JsonNode> own =
        keep(api.postJson("/api/webhooks", webhook("Own", url, "whsec_dG9vLXNob3J0")));
    assertThat(own.getStatusCode().value()).isEqualTo(400);
    assertThat(fields(own)).containsExactly("secret");
    assertThat(own.getBody().toString()).doesNotContain("dG9vLXNob3J0");

    assertThat(answers).allSatisfy(a -> assertThat(String.valueOf(a)).doesNotContain(secret));
    assertThat(output.getAll()).doesNotContain(secret).doesNotContain("dG9vLXNob3J0");
  }

  @Test
  void shouldRefuseInternalTargetsAndBadFieldsNamingTheField() {
    CairnApi api = new CairnApi(rest.withBasicAuth("admin", "it-secret"));
    for (String url :
        List.of(
            "http://localhost:8080/hook",
            "http://10.1.2.3/hook",
            "http://169.254.169.254/latest/meta-data",
            "http://[::1]/hook",
            "http://0x7f.1/hook",
            "ftp://example.com/hook",
            "")) {
      ResponseEntity<JsonNode> r = api.postJson("/api/webhooks", webhook("Bad " + url, url, null));
      assertThat(r.getStatusCode().value()).as(url).isEqualTo(400);
      assertThat(fields(r)).as(url).containsExactly("url");
      assertThat(r.getBody().get("type").asText()).isEqualTo("urn:cairn:problem:invalid-webhook");
    }

    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("name", "");
    bad.put("url", "https://example.com/hook");
    bad.put("signing", "MD5");
    bad.put("idTypes", List.of("mobile", "fax"));
    bad.put("parameters", List.of(Map.of("name", "bad name", "displayName", "", "type", "TEXT")));
    bad.put("receipts", Map.of("enabled", true, "windowHours", 0));
    bad.put("timeoutSeconds", 0);
    ResponseEntity<JsonNode> r = api.postJson("/api/webhooks", bad);
    assertThat(r.getStatusCode().value()).isEqualTo(400);
    assertThat(fields(r))
        .containsExactlyInAnyOrder(
            "name",
            "signing",
            "idTypes[1]",
            "parameters[0].name",
            "parameters[0].displayName",
            "receipts.windowHours",
            "timeoutSeconds");
    assertThat(api.get("/api/webhooks/987654").getStatusCode().value()).isEqualTo(404);
  }

  private ResponseEntity<JsonNode> receipt(String secret, String id, Instant at, String report) {
    byte[] body = report.getBytes(StandardCharsets.UTF_8);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("webhook-id", id);
    headers.set("webhook-timestamp", String.valueOf(at.getEpochSecond()));
    headers.set(
        "webhook-signature",
        WebhookSignatures.standard(
            WebhookSignatures.standardKey(secret), id, at.getEpochSecond(), body));
    ResponseEntity<JsonNode> r =
        rest.exchange(
            "/api/webhooks/receipts",
            HttpMethod.POST,
            new HttpEntity<>(body, headers),
            JsonNode.class);
    return keep(r);
  }

  private static Map<String, Object> webhook(String name, String url, String secret) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("name", name);
    w.put("url", url);
    if (secret != null) {
      w.put("secret", secret);
    }
    w.put("idTypes", List.of("mobile"));
    w.put("parameters", List.of(Map.of("name", "coupon", "displayName", "Coupon", "type", "TEXT")));
    w.put(
        "receipts",
        Map.of(
            "enabled",
            true,
            "windowHours",
            72,
            "statuses",
            List.of(
                Map.of("code", "200", "name", "成功", "delivered", true),
                Map.of("code", "500", "name", "失败", "delivered", false))));
    return w;
  }

  private static List<String> fields(ResponseEntity<JsonNode> r) {
    return r.getBody().get("violations").findValuesAsText("field");
  }

  private <T> ResponseEntity<T> keep(ResponseEntity<T> r) {
    answers.add(String.valueOf(r.getBody()));
    return r;
  }
}
