package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.sandbox.SandboxMessage;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.sandbox.SandboxMessages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Templates and short links over the real HTTP stack: CRUD, validation naming the field, paging,
 * preview, the delete refusal while a journey uses a template, and a short link end to end
 * (sandbox SMS → per-recipient URL → 302 → a {@code link_click} event a behaviour rule finds).
 * Users tw0 (Ann, Paris), tw1 (Bob, no city), tw2 (no first name, Rome).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cairn.security.admin-password=it-secret",
      "cairn.demo.enabled=false",
      "cairn.dispatch.poll-interval=50ms"
    })
class TemplateApiIT {

  private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/s/[A-Za-z0-9]+/[A-Za-z0-9_-]+)");

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired DeliveryLedger ledger;
  @Autowired TransactionTemplate tx;
  @Autowired ProfileReader profiles;
  @Autowired SandboxMessages sandbox;
  @LocalServerPort int port;

  private static boolean loaded;

  private CairnApi api() {
    return new CairnApi(rest.withBasicAuth("admin", "it-secret"));
  }

  @BeforeEach
  void users() {
    if (loaded) {
      return;
    }
    CairnApi api = api();
    api.defineTag("tw_first", "First name", "TEXT");
    api.defineTag("tw_city", "City", "TEXT");
    JsonNode report =
        api.importCsv(
                "user",
                "id,mobile,tw_first,tw_city\n"
                    + "tw0,+8613700000200,Ann,Paris\n"
                    + "tw1,+8613700000201,Bob,\n"
                    + "tw2,+8613700000202,,Rome\n")
            .getBody();
    assertThat(report.get("imported").asInt()).as(report.toString()).isEqualTo(3);
    loaded = true;
  }

  @Test
  void shouldCreateListPageUpdateAndPreviewTemplates() {
    CairnApi api = api();
    ResponseEntity<JsonNode> created = api.postJson("/api/templates", smsDraft("Welcome SMS", "Hi ${name} in ${town}"));
    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
    long id = created.getBody().get("id").asLong();
    assertThat(created.getHeaders().getLocation().getPath()).isEqualTo("/api/templates/" + id);
    assertThat(created.getBody().get("version").asInt()).isEqualTo(1);
    JsonNode email =
        api.postJson(
                "/api/templates",
                Map.of(
                    "name", "Welcome mail",
                    "channel", "EMAIL",
                    "email", Map.of("sender", "news@cairn.example", "subject", "Hello ${name}",
                        "html", "<p>Hello ${name}</p>", "text", "Hello ${name}"),
                    "variables", List.of(Map.of("name", "name", "tag", "tw_first", "onEmpty", "REPLACE",
                        "replacement", "friend"))))
            .getBody();
    assertThat(email.get("id")).as(email.toString()).isNotNull();
    assertThat(api.postJson("/api/templates", smsDraft("Welcome SMS", "x")).getStatusCode().value())
        .as("name taken").isEqualTo(409);

    JsonNode sms = api.get("/api/templates?channel=SMS&name=welcome&size=1").getBody();
    assertThat(sms.get("total").asLong()).isEqualTo(1);
    assertThat(sms.get("items").get(0).get("name").asText()).isEqualTo("Welcome SMS");
    JsonNode welcome = api.get("/api/templates?name=WELCOME&size=1&page=1").getBody();
    assertThat(welcome.get("total").asLong()).isEqualTo(2);
    assertThat(welcome.get("items")).hasSize(1);
    assertThat(welcome.get("items").get(0).get("name").asText()).as("newest first").isEqualTo("Welcome SMS");
    assertThat(api.get("/api/templates?size=501").getStatusCode().value()).isEqualTo(400);
    assertThat(api.get("/api/templates?channel=FAX").getStatusCode().value()).isEqualTo(400);

    JsonNode updated = api.putJson("/api/templates/" + id, smsDraft("Welcome SMS", "Hello ${name} from ${town}")).getBody();
    assertThat(updated.get("version").asInt()).isEqualTo(2);
    assertThat(updated.get("sms").get("text").asText()).isEqualTo("Hello ${name} from ${town}");

    JsonNode byValues = api.postJson("/api/templates/" + id + "/preview",
        Map.of("values", Map.of("name", "Zoe", "town", ""))).getBody();
    assertThat(byValues.get("body").asText()).isEqualTo("【Cairn】Hello Zoe from your city");
    assertThat(byValues.get("skipped").asBoolean()).isFalse();
    assertThat(byValues.get("empty").get(0).get("name").asText()).isEqualTo("town");
    assertThat(byValues.get("empty").get(0).get("effect").asText()).isEqualTo("replaced with \"your city\"");

    JsonNode ann = api.postJson("/api/templates/" + id + "/preview",
        Map.of("entityType", "user", "externalId", "tw0")).getBody();
    assertThat(ann.get("body").asText()).isEqualTo("【Cairn】Hello Ann from Paris");
    assertThat(ann.get("parts").get("text").asText()).isEqualTo("【Cairn】Hello Ann from Paris");
    JsonNode nameless = api.postJson("/api/templates/" + id + "/preview",
        Map.of("entityType", "user", "externalId", "tw2")).getBody();
    assertThat(nameless.get("skipped").asBoolean()).isTrue();
    assertThat(nameless.hasNonNull("body")).isFalse();
    assertThat(nameless.get("empty").get(0).get("effect").asText()).startsWith("skipped");
    ResponseEntity<JsonNode> nobody = api.postJson("/api/templates/" + id + "/preview",
        Map.of("entityType", "user", "externalId", "no-such-user"));
    assertThat(nobody.getStatusCode().value()).isEqualTo(404);
    assertThat(nobody.getBody().get("kind").asText()).isEqualTo("entity");

    JsonNode mail = api.postJson("/api/templates/" + email.get("id").asLong() + "/preview",
        Map.of("values", Map.of())).getBody();
    assertThat(mail.get("subject").asText()).isEqualTo("Hello friend");
    assertThat(mail.get("parts").get("html").asText()).isEqualTo("<p>Hello friend</p>");
    JsonNode hostile = api.postJson("/api/templates/" + email.get("id").asLong() + "/preview",
        Map.of("values", Map.of("name", "<img src=x onerror=alert(1)>"))).getBody();
    assertThat(hostile.get("parts").get("html").asText())
        .as("values are escaped in the HTML part")
        .isEqualTo("<p>Hello &lt;img src=x onerror=alert(1)&gt;</p>");
    assertThat(hostile.get("parts").get("text").asText()).isEqualTo("Hello <img src=x onerror=alert(1)>");

    assertThat(rest.getForEntity("/api/templates", String.class).getStatusCode().value()).isEqualTo(401);
    assertThat(api.get("/api/templates/999999").getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void shouldRefuseInvalidTemplatesNamingTheField() {
    CairnApi api = api();
    assertInvalid(api.postJson("/api/templates", smsDraft("Bad tag", "Hi ${name}", "no_such_tag")), "variables[0].tag");
    assertInvalid(api.postJson("/api/templates", smsDraft("Undeclared", "Hi ${name} ${whoever}")), "sms.text");
    assertInvalid(api.postJson("/api/templates", smsDraft("Empty", " ")), "sms.text");
    assertInvalid(api.postJson("/api/templates", smsDraft("Huge", "x".repeat(1_001))), "sms.text");
    assertInvalid(api.postJson("/api/templates", smsDraft("Link", "Go ${link:nope}")), "sms.text");
    Map<String, Object> twice = new LinkedHashMap<>(smsDraft("Twice", "Hi ${name}"));
    twice.put("variables", List.of(
        Map.of("name", "name", "tag", "tw_first"),
        Map.of("name", "name", "tag", "tw_city")));
    assertInvalid(api.postJson("/api/templates", twice), "variables[1].name");
    Map<String, Object> replaceWithNothing = new LinkedHashMap<>(smsDraft("Nothing", "Hi ${name}"));
    replaceWithNothing.put("variables", List.of(Map.of("name", "name", "tag", "tw_first", "onEmpty", "REPLACE")));
    assertInvalid(api.postJson("/api/templates", replaceWithNothing), "variables[0].replacement");
    Map<String, Object> mixed = new LinkedHashMap<>(smsDraft("Mixed", "Hi"));
    mixed.put("push", Map.of("title", "t", "body", "b"));
    assertInvalid(api.postJson("/api/templates", mixed), "push");
    assertInvalid(api.postJson("/api/templates", Map.of("name", "No channel")), "channel");
    assertThat(api.get("/api/templates?name=Bad").getBody().get("total").asLong()).isZero();
  }

  @Test
  void shouldRefuseToDeleteATemplateALiveJourneyUsesAndToDeployAnUnknownOne() {
    CairnApi api = api();
    long id = api.postJson("/api/templates", smsDraft("Journey SMS", "Hi ${name}")).getBody().get("id").asLong();
    JsonNode segment =
        api.createSegment(
            "Parisians",
            "{\"groups\":[{\"conditions\":[{\"tag\":\"tw_city\",\"op\":\"eq\",\"values\":[\"Paris\"]}]}]}",
            Duration.ofSeconds(60));
    String bpmn = CairnApi.sampleJourney("demo-vip-sms.bpmn", segment.get("id").asLong());
    assertThat(bpmn).contains("name=\"templateId\" value=\"\"");

    ResponseEntity<JsonNode> unknown = api.deployJourney("Unknown template",
        bpmn.replace("name=\"templateId\" value=\"\"", "name=\"templateId\" value=\"987654321\"")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(unknown.getStatusCode().value()).isEqualTo(400);
    assertThat(unknown.getBody().toString()).contains("template 987654321 does not exist");

    ResponseEntity<JsonNode> deployed = api.deployJourney("Template journey",
        bpmn.replace("name=\"templateId\" value=\"\"", "name=\"templateId\" value=\"" + id + "\"")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(deployed.getStatusCode().value()).as(String.valueOf(deployed.getBody())).isEqualTo(201);

    ResponseEntity<JsonNode> refused =
        rest.withBasicAuth("admin", "it-secret")
            .exchange("/api/templates/" + id, HttpMethod.DELETE, HttpEntity.EMPTY, JsonNode.class);
    assertThat(refused.getStatusCode().value()).isEqualTo(409);
    assertThat(refused.getBody().get("type").asText()).isEqualTo("urn:cairn:problem:template-in-use");
    assertThat(refused.getBody().get("detail").asText()).contains("Template journey");
    assertThat(api.get("/api/templates/" + id).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void shouldRedirectAPerRecipientShortLinkAndRecordTheClickAsAnEvent() throws Exception {
    CairnApi api = api();
    assertInvalid(api.postJson("/api/short-links", Map.of("name", "x", "targetUrl", "javascript:alert(1)")), "targetUrl");
    assertInvalid(api.postJson("/api/short-links", Map.of("name", "x", "targetUrl", "ftp://files.example/a")), "targetUrl");
    assertInvalid(api.postJson("/api/short-links", Map.of("name", "x", "targetUrl", "https://a.example/" + "x".repeat(2_048))), "targetUrl");
    assertInvalid(api.postJson("/api/short-links", Map.of("name", "", "targetUrl", "https://a.example/")), "name");
    ResponseEntity<JsonNode> created =
        api.postJson("/api/short-links", Map.of("name", "Sale", "targetUrl", "https://shop.example/sale?src=sms"));
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    long linkId = created.getBody().get("id").asLong();
    String code = created.getBody().get("code").asText();
    assertThat(api.get("/api/short-links").getBody().get("total").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(rest.getForEntity("/api/short-links", String.class).getStatusCode().value()).isEqualTo(401);
    long template =
        api.postJson("/api/templates", smsDraft("Sale SMS", "Sale for ${name}: ${link:" + code + "}"))
            .getBody().get("id").asLong();
    int ann = profiles.entityId("user", "tw0").orElseThrow();
    int bob = profiles.entityId("user", "tw1").orElseThrow();

    long action =
        tx.execute(
            s ->
                ledger.enqueue(
                    new ActionRequest(
                        1, 9001, "send", "template-api-it", Channel.SMS, "user",
                        Map.of("templateId", String.valueOf(template)),
                        RoaringBitmap.bitmapOf(ann, bob))));
    String annText = awaitSms("+8613700000200");
    String bobText = awaitSms("+8613700000201");
    assertThat(annText).startsWith("【Cairn】Sale for Ann: http");
    String annPath = path(annText);
    String bobPath = path(bobText);
    assertThat(annPath).startsWith("/s/" + code + "/").isNotEqualTo(bobPath);

    HttpResponse<String> click = get(annPath);
    assertThat(click.statusCode()).isEqualTo(302);
    assertThat(click.headers().firstValue("Location")).contains("https://shop.example/sale?src=sms");
    assertThat(click.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    assertThat(get(annPath).statusCode()).as("a second click").isEqualTo(302);
    assertThat(get(bobPath).statusCode()).isEqualTo(302);

    HttpResponse<String> forged = get(tampered(annPath));
    assertThat(forged.statusCode()).isEqualTo(404);
    assertThat(forged.headers().firstValue("Location")).isEmpty();
    assertThat(get("/s/" + code + "/preview").statusCode()).isEqualTo(404);

    List<Map<String, Object>> events =
        jdbc.queryForList(
            "SELECT source_code, entity_id, attrs FROM cairn_event WHERE event_code = 'link_click'"
                + " AND entity_id = ?",
            ann);
    assertThat(events).hasSize(2);
    assertThat(events.get(0).get("source_code")).isEqualTo("cairn"); // keys are case-insensitive
    assertThat(String.valueOf(events.get(0).values())).contains(code).contains(String.valueOf(action));
    JsonNode counted = api.get("/api/short-links/" + linkId).getBody();
    assertThat(counted.get("clicks").asLong()).isEqualTo(3);
    assertThat(counted.get("uniqueClickers").asLong()).isEqualTo(2);

    JsonNode estimate =
        api.postJson(
                "/api/segments/estimate",
                Map.of(
                    "entityType", "user",
                    "rule", CairnApi.parse(
                        "{\"groups\":[{\"conditions\":[{\"behavior\":{\"event\":\"link_click\","
                            + "\"window\":{\"lastDays\":1},\"count\":{\"op\":\"gte\",\"value\":2},"
                            + "\"where\":[{\"attr\":\"link\",\"op\":\"in\",\"values\":[\"" + code + "\"]}]}}]}]}")))
            .getBody();
    assertThat(estimate.get("size").asLong()).as(estimate.toString()).isEqualTo(1); // Ann clicked twice

    assertThat(api.post("/api/short-links/" + linkId + "/disable").getBody().get("enabled").asBoolean()).isFalse();
    HttpResponse<String> disabled = get(annPath);
    assertThat(disabled.statusCode()).isEqualTo(404);
    assertThat(disabled.headers().firstValue("Location")).isEmpty();
    assertThat(api.get("/api/short-links/" + linkId).getBody().get("clicks").asLong()).isEqualTo(3);
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String awaitSms(String mobile) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      List<SandboxMessage> items = sandbox.list(Channel.SMS, mobile, 0, 10).items();
      if (!items.isEmpty()) {
        assertThat(items).hasSize(1);
        return items.get(0).body();
      }
      assertThat(Instant.now()).as("SMS to " + mobile).isBefore(deadline);
      Thread.sleep(50);
    }
  }

  private static String path(String text) {
    Matcher m = LINK.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m.group(1);
  }

  private static String tampered(String path) {
    int i = path.length() - 3;
    char c = path.charAt(i);
    return path.substring(0, i) + (c == 'A' ? 'B' : 'A') + path.substring(i + 1);
  }

  private static Map<String, Object> smsDraft(String name, String text) {
    return smsDraft(name, text, "tw_first");
  }

  private static Map<String, Object> smsDraft(String name, String text, String nameTag) {
    return Map.of(
        "name", name,
        "channel", "SMS",
        "sms", Map.of("type", "NOTIFICATION", "signature", "Cairn", "text", text),
        "variables",
        List.of(
            Map.of("name", "name", "tag", nameTag, "onEmpty", "SKIP"),
            Map.of("name", "town", "tag", "tw_city", "onEmpty", "REPLACE", "replacement", "your city")));
  }

  private static void assertInvalid(ResponseEntity<JsonNode> r, String field) {
    assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(400);
    assertThat(r.getBody().get("violations").findValuesAsText("field")).as(r.getBody().toString()).contains(field);
  }
}
