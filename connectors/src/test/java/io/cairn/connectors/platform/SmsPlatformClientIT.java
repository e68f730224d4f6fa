package io.cairn.connectors.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.http.OutboundHttp;
import io.cairn.connectors.sms.SmsType;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmsPlatformClientIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient SHARED = OutboundHttp.newSharedClient();
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private MockWebServer server;
  private ScriptedPlatform platform;
  private SmsPlatformClient client;

  @BeforeEach
  void start() throws IOException {
    platform = new ScriptedPlatform();
    server = new MockWebServer();
    server.setDispatcher(platform);
    server.start(InetAddress.getLoopbackAddress(), 0);
    client =
        new SmsPlatformClient(
            SHARED,
            new PlatformEndpoint(
                server.url("/api").toString(),
                ScriptedPlatform.NAME,
                "secret-key",
                "X-Platform-Key",
                0,
                Duration.ofMillis(800),
                ZoneId.of("Asia/Shanghai")),
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @AfterAll
  static void releaseClient() {
    SHARED.dispatcher().executorService().shutdown();
    SHARED.connectionPool().evictAll();
  }

  @Test
  void shouldSubmitAPromotionalTemplateWithItsOptOutSuffix() throws Exception {
    platform.then(ScriptedPlatform.ok("\"templateCode\":\"SMS_42\""));

    String code =
        client.submitTemplate(
            new SmsTemplateDraft(
                "Spring sale",
                "Hi ${name}, 20% off today",
                "seasonal promotion",
                SmsType.PROMOTIONAL,
                null));

    assertThat(code).isEqualTo("SMS_42");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/api/sms/smsTemplate");
    assertThat(request.getHeader("X-Platform-Key")).isEqualTo("secret-key");
    JsonNode body = JSON.readTree(request.getBody().readUtf8());
    assertThat(body.get("templateName").asText()).isEqualTo("Spring sale");
    assertThat(body.get("templateContent").asText()).isEqualTo("Hi ${name}, 20% off today回T退订");
    assertThat(body.get("remark").asText()).isEqualTo("seasonal promotion");
    assertThat(body.get("templateType").asInt()).isEqualTo(2);
  }

  @Test
  void shouldSubmitANotificationWithoutSuffix() throws Exception {
    platform.then(ScriptedPlatform.ok("\"templateCode\":\"SMS_43\""));

    client.submitTemplate(
        new SmsTemplateDraft(
            "Shipped", "Your order shipped", "orders", SmsType.NOTIFICATION, null));

    JsonNode body = JSON.readTree(server.takeRequest().getBody().readUtf8());
    assertThat(body.get("templateContent").asText()).isEqualTo("Your order shipped");
    assertThat(body.get("templateType").asInt()).isEqualTo(1);
  }

  @Test
  void shouldNameTheFieldThatBreaksTheContractsLimits() {
    assertThatThrownBy(
            () -> new SmsTemplateDraft("x".repeat(31), "c", "r", SmsType.NOTIFICATION, null))
        .hasMessageStartingWith("name:");
    assertThatThrownBy(
            () -> new SmsTemplateDraft("n", "c".repeat(501), "r", SmsType.NOTIFICATION, null))
        .hasMessageStartingWith("content:");
    assertThatThrownBy(() -> new SmsTemplateDraft("n", "c", " ", SmsType.NOTIFICATION, null))
        .hasMessageStartingWith("remark:");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shouldReadATemplatesAuditStatusFromAnEncodedPath() throws Exception {
    platform.then(
        ScriptedPlatform.ok(
            "\"templateStatus\":2,\"templateType\":2,\"reason\":\"marketing words\","
                + "\"templateContent\":\"Hi\",\"templateName\":\"n\""));

    SmsTemplateStatus status = client.templateStatus("SMS/1 ?");

    assertThat(status)
        .isEqualTo(
            new SmsTemplateStatus(
                "SMS/1 ?", AuditStatus.REJECTED, SmsType.PROMOTIONAL, "Hi", "marketing words"));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/api/sms/smsTemplate/SMS%2F1%20%3F");
    assertThatThrownBy(() -> client.templateStatus(".."))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReadASignaturesStatus() throws Exception {
    platform.then(ScriptedPlatform.ok("\"signStatus\":1,\"createDate\":\"2019-01-08 16:44:13\""));
    platform.then(ScriptedPlatform.ok("\"signStatus\":0"));
    platform.then(ScriptedPlatform.ok("\"signStatus\":3,\"reason\":\"no proof\""));

    assertThat(client.signatureStatus("Cairn").status()).isEqualTo(AuditStatus.APPROVED);
    assertThat(client.signatureStatus("Cairn").status()).isEqualTo(AuditStatus.IN_REVIEW);
    assertThat(client.signatureStatus("Cairn"))
        .isEqualTo(new SignatureStatus("Cairn", AuditStatus.REJECTED, "no proof"));
    assertThat(server.takeRequest().getPath()).isEqualTo("/api/sms/smsSign/Cairn");
  }

  @Test
  void shouldAskForAPageOfReportsInThePlatformsZoneAndMapTheirStates() throws Exception {
    platform.then(
        ScriptedPlatform.ok(
            "\"totalCount\":5,\"sendDetailDTOs\":["
                + "{\"outId\":\"1-2\",\"sendStatus\":2,\"errCode\":\"DELIVERED\","
                + "\"receiveDate\":\"2026-12-01 19:30:05\",\"phoneNum\":\"13800000000\"},"
                + "{\"outId\":\"1-3\",\"sendStatus\":1,\"errCode\":\"MK:0001\","
                + "\"receiveDate\":1764588600},"
                + "{\"outId\":\"1-4\",\"sendStatus\":3}]"));

    SmsReport.Page page =
        client.reports(
            Instant.parse("2026-12-01T10:00:30Z"), Instant.parse("2026-12-01T11:59:00Z"), 2, 3);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getPath()).isEqualTo("/api/sms/sendDetails");
    JsonNode body = JSON.readTree(request.getBody().readUtf8());
    assertThat(body.get("currentPage").asInt()).isEqualTo(2);
    assertThat(body.get("pageSize").asInt()).isEqualTo(3);
    assertThat(body.get("startDate").asText()).isEqualTo("2026-12-01 18:00");
    assertThat(body.get("endDate").asText()).isEqualTo("2026-12-01 19:59");
    assertThat(page.totalCount()).isEqualTo(5);
    assertThat(page.reports())
        .containsExactly(
            new SmsReport(
                "1-2",
                SmsReport.State.DELIVERED,
                "DELIVERED",
                Instant.parse("2026-12-01T11:30:05Z")),
            new SmsReport(
                "1-3", SmsReport.State.FAILED, "MK:0001", Instant.ofEpochSecond(1764588600)),
            new SmsReport("1-4", SmsReport.State.WAITING, "", NOW));
    assertThat(page.reports().toString()).doesNotContain("13800000000");
  }

  @Test
  void shouldRefuseAWindowOrPageTheContractDoesNotAllow() {
    Instant from = Instant.parse("2026-10-01T00:00:00Z");

    assertThatThrownBy(() -> client.reports(from, from.plus(Duration.ofDays(31)), 1, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.reports(from, from, 1, 1001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shouldSayWhetherAFailedQueryIsWorthRepeating() {
    platform.then(new MockResponse().setResponseCode(503));
    platform.then(new MockResponse().setResponseCode(401));
    platform.then(ScriptedPlatform.json("{\"code\":\"NotFound\",\"message\":\"no such sign\"}"));
    platform.then(
        ScriptedPlatform.json("{\"platformName\":\"Other\",\"code\":\"OK\",\"signStatus\":1}"));

    assertThatThrownBy(() -> client.signatureStatus("a"))
        .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.isTransient()).isTrue());
    assertThatThrownBy(() -> client.signatureStatus("a"))
        .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.isTransient()).isFalse())
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining("secret-key");
    assertThatThrownBy(() -> client.signatureStatus("a"))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("NotFound");
    assertThatThrownBy(() -> client.signatureStatus("a"))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("another platform");
  }
}
