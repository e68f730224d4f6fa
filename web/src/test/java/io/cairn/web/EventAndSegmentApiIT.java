package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Event and segment-management routes over HTTP: authentication, answers, and 4xx bodies. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cairn.security.admin-password=it-secret", "cairn.demo.enabled=false"})
class EventAndSegmentApiIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  private CairnApi api;

  @BeforeEach
  void setUp() {
    api = new CairnApi(rest.withBasicAuth("admin", "it-secret"));
    if (jdbc.queryForObject("SELECT COUNT(*) FROM cairn_tag WHERE entity_type = 'store'", Integer.class) == 0) {
      api.postJson("/api/tags", Map.of("code", "s_city", "name", "City", "type", "ENUM", "entityType", "store"));
      api.http().exchange("/api/profiles/import?entityType=store", HttpMethod.POST,
          csv("id,s_city\ns1,sh\ns2,bj\ns3,sh\n"), JsonNode.class);
    }
  }

  private static HttpEntity<byte[]> csv(String body) {
    HttpHeaders h = new HttpHeaders();
    h.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
    return new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), h);
  }

  private ResponseEntity<JsonNode> postEvents(String key, String body) {
    HttpHeaders h = new HttpHeaders();
    h.setContentType(MediaType.APPLICATION_JSON);
    if (key != null) {
      h.setBearerAuth(key);
    }
    return rest.exchange("/api/events", HttpMethod.POST, new HttpEntity<>(body, h), JsonNode.class);
  }

  private static void assertProblem(ResponseEntity<JsonNode> r, int status, String type) {
    assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(status);
    assertThat(r.getBody().get("type").asText()).isEqualTo("urn:cairn:problem:" + type);
  }

  @Test
  void shouldIngestEventsOnlyWithTheSourcesCurrentWriteKey() {
    assertThat(api.postJson("/api/event-types", Map.of("code", "signup", "name", "Sign-up", "attributes",
        List.of(Map.of("name", "plan", "type", "TEXT")))).getStatusCode().value()).isEqualTo(201);
    ResponseEntity<JsonNode> created =
        api.postJson("/api/event-sources", Map.of("code", "ios", "name", "iOS app", "channel", "app"));
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    String key = created.getBody().get("writeKey").asText();
    assertThat(api.get("/api/event-sources").getBody().toString()).doesNotContain(key);

    String one = "[{\"customerId\":\"h1\",\"eventCode\":\"signup\",\"eventTime\":" + System.currentTimeMillis()
        + ",\"attributes\":{\"plan\":\"pro\"},\"id\":\"x1\"},{\"customerId\":\"h1\",\"eventCode\":\"nope\","
        + "\"eventTime\":1}]";
    ResponseEntity<JsonNode> anonymous = postEvents(null, one);
    assertProblem(anonymous, 401, "unauthenticated");
    assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
    assertProblem(postEvents("cwk_forged", one), 401, "unauthenticated");
    HttpHeaders basic = new HttpHeaders();
    basic.setContentType(MediaType.APPLICATION_JSON);
    assertThat(api.http().exchange("/api/events", HttpMethod.POST, new HttpEntity<>(one, basic), JsonNode.class)
        .getStatusCode().value()).as("a user password is not a write key").isEqualTo(401);

    ResponseEntity<JsonNode> ok = postEvents(key, one);
    assertThat(ok.getStatusCode().value()).isEqualTo(200);
    assertThat(ok.getBody().get("accepted").asInt()).as(String.valueOf(ok.getBody())).isEqualTo(1);
    assertThat(ok.getBody().get("items").get(1).get("field").asText()).isEqualTo("eventCode");
    JsonNode again = postEvents(key, one).getBody();
    assertThat(again.get("duplicates").asInt()).as(String.valueOf(again)).isEqualTo(1);

    assertProblem(postEvents(key, "{\"customerId\":\"h1\"}"), 400, "invalid-events");
    assertProblem(postEvents(key, "[{\"customerId\":"), 400, "malformed-request");

    String rotated = api.post("/api/event-sources/ios/write-key").getBody().get("writeKey").asText();
    assertProblem(postEvents(key, one), 401, "unauthenticated");
    assertThat(postEvents(rotated, one).getStatusCode().value()).isEqualTo(200);
    // a write key opens nothing else
    HttpHeaders bearer = new HttpHeaders();
    bearer.setBearerAuth(rotated);
    assertThat(rest.exchange("/api/event-sources", HttpMethod.GET, new HttpEntity<>(bearer), JsonNode.class)
        .getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void shouldManageSegmentsOverHttp() {
    assertProblem(rest.getForEntity("/api/segment-groups", JsonNode.class), 401, "unauthenticated");
    long group = api.postJson("/api/segment-groups", Map.of("name", "Stores")).getBody().get("id").asLong();
    ResponseEntity<JsonNode> bad = api.postJson("/api/segments", Map.of("name", "x", "entityType", "store",
        "kind", "RULE", "definition", CairnApi.parse(
            "{\"groups\":[{\"conditions\":[{\"tag\":\"s_city\",\"op\":\"gt\",\"value\":1}]}]}")));
    assertProblem(bad, 400, "invalid-segment");
    assertThat(bad.getBody().get("violations").findValuesAsText("field")).contains("definition.groups[0].conditions[0].op");

    ResponseEntity<JsonNode> created = api.postJson("/api/segments", Map.of("name", "Shanghai stores",
        "entityType", "store", "kind", "RULE", "settings", Map.of("groupId", group), "definition", CairnApi.parse(
            "{\"groups\":[{\"conditions\":[{\"tag\":\"s_city\",\"op\":\"in\",\"values\":[\"sh\"]}]}]}")));
    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
    long id = created.getBody().get("id").asLong();
    JsonNode details = api.await("/api/segments/" + id, "ACTIVE", Duration.ofSeconds(30));
    assertThat(details.get("size").asInt()).isEqualTo(2);
    assertThat(details.get("sql").asText()).contains("cairn_tag_value");

    JsonNode member = api.get("/api/segments/" + id + "/members/s1?explain=true").getBody();
    assertThat(member.get("member").asBoolean()).isTrue();
    assertThat(api.get("/api/segments/" + id + "/members/s2").getBody().get("member").asBoolean()).isFalse();
    // an id Cairn does not know is simply not a member (real-time callers ask about anyone)
    JsonNode nobody = api.get("/api/segments/" + id + "/members/nobody").getBody();
    assertThat(nobody.get("member").asBoolean()).isFalse();
    assertThat(nobody.get("known").asBoolean()).isFalse();
    String export = api.http().getForObject("/api/segments/" + id + "/export", String.class);
    assertThat(export.lines()).containsExactly("id", "s1", "s3");
    assertThat(api.get("/api/segments?kind=RULE&groupId=" + group).getBody().toString()).contains("Shanghai stores");
    assertProblem(api.get("/api/segments?kind=SOMETHING"), 400, "invalid-filter");

    // a custom list without a header row is refused, and nothing is created
    long before = jdbc.queryForObject("SELECT COUNT(*) FROM cairn_segment", Long.class);
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("name", "list");
    form.add("entityType", "store");
    form.add("file", new ByteArrayResource("s1\ns2\n".getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "list.csv";
      }
    });
    HttpHeaders multipart = new HttpHeaders();
    multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<JsonNode> noHeader = api.http().exchange("/api/segments/list", HttpMethod.POST,
        new HttpEntity<>(form, multipart), JsonNode.class);
    assertThat(noHeader.getStatusCode().value()).as(String.valueOf(noHeader.getBody())).isEqualTo(400);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cairn_segment", Long.class)).isEqualTo(before);
    assertThat(api.http().getForObject("/api/segments/list-template", String.class)).startsWith("id");

    assertThat(api.http().exchange("/api/segments/" + id, HttpMethod.DELETE, HttpEntity.EMPTY, JsonNode.class)
        .getStatusCode().value()).isEqualTo(204);
    assertThat(api.get("/api/segments/" + id).getStatusCode().value()).isEqualTo(404);
  }
}
