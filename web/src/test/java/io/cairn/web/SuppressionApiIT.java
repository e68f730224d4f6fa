package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cairn.security.admin-password=it-secret", "cairn.demo.enabled=false"})
class SuppressionApiIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;

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
  }
}
