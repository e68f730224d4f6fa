package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.Suppressions;
import io.cairn.engine.delivery.UnsubscribeLinks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cairn.security.admin-password=it-secret",
      "cairn.demo.enabled=false",
      "cairn.channels.sms.reply-token=reply-secret"
    })
class SuppressionApiIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired UnsubscribeLinks links;
  @Autowired Suppressions suppressions;

  @Test
  void shouldSuppressListAndLiftAnAddressWithoutEverShowingIt() {
    CairnApi api = new CairnApi(rest.withBasicAuth("admin", "it-secret"));

    ResponseEntity<JsonNode> added =
        api.postJson("/api/suppressions", Map.of("channel", "SMS", "address", "+86 138 0000 4242"));
    assertThat(added.getStatusCode().value()).isEqualTo(201);
    ResponseEntity<JsonNode> again =
        api.postJson("/api/suppressions", Map.of("channel", "SMS", "address", "+8613800004242"));
    assertThat(again.getStatusCode().value()).as("same number, other notation").isEqualTo(200);
    assertThat(again.getBody().get("added").asBoolean()).isFalse();

    ResponseEntity<JsonNode> page = api.get("/api/suppressions?channel=SMS");
    assertThat(page.getBody().get("total").asLong()).isEqualTo(1);
    JsonNode item = page.getBody().get("items").get(0);
    assertThat(item.get("hint").asText()).isEqualTo("+86*********42");
    assertThat(item.get("source").asText()).isEqualTo("api");
    assertThat(page.getBody().toString()).doesNotContain("4242");
    assertThat(jdbc.queryForList("SELECT * FROM cairn_suppression").toString()).doesNotContain("4242");

    ResponseEntity<JsonNode> removed =
        api.postJson("/api/suppressions/remove", Map.of("channel", "SMS", "address", "+8613800004242"));
    assertThat(removed.getBody().get("removed").asBoolean()).isTrue();
    assertThat(api.get("/api/suppressions?channel=SMS").getBody().get("total").asLong()).isZero();
  }

  @Test
  void shouldRefuseBadRequestsNamingTheField() {
    CairnApi api = new CairnApi(rest.withBasicAuth("admin", "it-secret"));

    ResponseEntity<JsonNode> noAddress = api.postJson("/api/suppressions", Map.of("channel", "SMS"));
    assertThat(noAddress.getStatusCode().value()).isEqualTo(400);
    assertThat(noAddress.getBody().get("violations").findValuesAsText("field")).containsExactly("address");
    ResponseEntity<JsonNode> badChannel =
        api.postJson("/api/suppressions", Map.of("channel", "FAX", "address", "1"));
    assertThat(badChannel.getStatusCode().value()).isEqualTo(400);
    assertThat(api.get("/api/suppressions").getStatusCode().value()).as("channel required").isEqualTo(400);
    assertThat(rest.getForEntity("/api/suppressions?channel=SMS", String.class).getStatusCode().value())
        .isEqualTo(401);
    assertThat(rest.getForEntity("/api/deliveries", String.class).getStatusCode().value()).isEqualTo(401);
    assertThat(api.get("/api/deliveries?status=SENT&size=5").getBody().get("total").asLong()).isZero();
    ResponseEntity<JsonNode> badStatus = api.get("/api/deliveries?status=LOST");
    assertThat(badStatus.getStatusCode().value()).isEqualTo(400);
    assertThat(badStatus.getBody().get("violations").findValuesAsText("field")).containsExactly("status");
    assertThat(api.get("/api/deliveries?size=0").getStatusCode().value()).isEqualTo(400);
    assertThat(api.get("/api/deliveries/incidents").getStatusCode().value()).isEqualTo(200);
    assertThat(api.post("/api/deliveries/incidents/999999/replay").getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void shouldUnsubscribeWithTheEmailLinkOnPostOnlyAndRefuseForgedLinks() {
    String link = links.linkFor(Channel.EMAIL, "Zoe@Example.com");
    assertThat(link).doesNotContain("zoe").doesNotContain("Zoe");
    String path = link.substring(link.indexOf("/api/unsubscribe"));
    String token = path.substring(path.indexOf("t=") + 2);
    String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

    ResponseEntity<String> page = rest.getForEntity(path, String.class);
    assertThat(page.getStatusCode().value()).as("no login needed").isEqualTo(200);
    assertThat(page.getBody()).contains("<form method=\"post\"");
    assertThat(suppressions.isSuppressed(Channel.EMAIL, "zoe@example.com")).as("GET changes nothing").isFalse();

    ResponseEntity<String> bad =
        rest.postForEntity("/api/unsubscribe?t=" + forged, oneClick(), String.class);
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(suppressions.isSuppressed(Channel.EMAIL, "zoe@example.com")).isFalse();

    ResponseEntity<String> done = rest.postForEntity(path, oneClick(), String.class);
    assertThat(done.getStatusCode().value()).isEqualTo(200);
    assertThat(suppressions.isSuppressed(Channel.EMAIL, "zoe@example.com")).isTrue();
    assertThat(suppressions.isSuppressed(Channel.SMS, "zoe@example.com")).as("one channel").isFalse();
  }

  /** What a mail client's one-click button posts (RFC 8058). */
  private static HttpEntity<String> oneClick() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return new HttpEntity<>("List-Unsubscribe=One-Click", headers);
  }

  @Test
  void shouldSuppressSendersOfStopRepliesForwardedWithTheProviderToken() {
    Map<String, Object> body =
        Map.of(
            "replies",
            List.of(
                Map.of("from", "+86 138 0000 5555", "text", " td "),
                Map.of("from", "+8613800006666", "text", "hello")));

    assertThat(post("/api/channels/sms/replies", body, null).getStatusCode().value()).isEqualTo(401);
    assertThat(post("/api/channels/sms/replies", body, "wrong").getStatusCode().value())
        .isEqualTo(401);
    ResponseEntity<JsonNode> bad =
        post(
            "/api/channels/sms/replies",
            Map.of("replies", List.of(Map.of("from", "+8613800007777", "text", "T"), Map.of("text", "T"))),
            "reply-secret");
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(bad.getBody().get("violations").findValuesAsText("field")).containsExactly("replies[1].from");
    assertThat(suppressions.isSuppressed(Channel.SMS, "+8613800007777")).as("nothing half-done").isFalse();

    ResponseEntity<JsonNode> ok = post("/api/channels/sms/replies", body, "reply-secret");

    assertThat(ok.getStatusCode().value()).isEqualTo(200);
    assertThat(ok.getBody().get("stopped").asInt()).isEqualTo(1);
    assertThat(suppressions.isSuppressed(Channel.SMS, "+8613800005555")).isTrue();
    assertThat(suppressions.isSuppressed(Channel.SMS, "+8613800006666")).isFalse();
  }

  private ResponseEntity<JsonNode> post(String path, Object body, String bearer) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (bearer != null) {
      headers.setBearerAuth(bearer);
    }
    return rest.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
  }
}
