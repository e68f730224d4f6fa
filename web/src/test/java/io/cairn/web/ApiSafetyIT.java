package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Bad input gets a clear 4xx problem and changes nothing; every route needs authentication. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cairn.security.admin-password=it-secret", "cairn.demo.enabled=false"})
class ApiSafetyIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  private CairnApi api;

  @BeforeEach
  void setUp() {
    api = new CairnApi(rest.withBasicAuth("admin", "it-secret"));
    // the context (and database) is shared with other test classes that define their own tags
    if (jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_tag WHERE entity_type = 'user' AND code = 'city'", Integer.class)
        == 0) {
      api.defineTag("city", "City", "ENUM");
      api.defineTag("age", "Age", "NUMBER");
      api.importCsv("user", "id,mobile,city,age\nu1,+8613800000001,Shenzhen,30\n");
    }
  }

  private long count(String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
  }

  private static void assertProblem(ResponseEntity<JsonNode> r, int status, String type) {
    assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(status);
    assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(r.getBody().get("type").asText()).isEqualTo("urn:cairn:problem:" + type);
  }

  private static List<String> fields(ResponseEntity<JsonNode> r) {
    return r.getBody().get("violations").findValuesAsText("field");
  }

  @Test
  void shouldRejectUnauthenticatedRequestsWith401Problem() {
    ResponseEntity<JsonNode> r = rest.getForEntity("/api/segments", JsonNode.class);
    assertProblem(r, 401, "unauthenticated");
    assertThat(r.getHeaders().getFirst("WWW-Authenticate")).contains("Basic");
    assertThat(rest.withBasicAuth("admin", "wrong").getForEntity("/api/segments", JsonNode.class)
            .getStatusCode().value())
        .isEqualTo(401);
    assertThat(rest.getForEntity("/api/journeys/1/stats", String.class).getStatusCode().value())
        .isEqualTo(401);
    for (String operation : List.of("pause", "resume", "stop")) {
      assertThat(rest.postForEntity("/api/journeys/1/" + operation, null, String.class)
              .getStatusCode().value())
          .as(operation)
          .isEqualTo(401);
    }
  }

  @Test
  void shouldNotExposeCamundaRestOrWebapps() {
    assertThat(rest.getForEntity("/engine-rest/engine", String.class).getStatusCode().value())
        .isEqualTo(401);
    int authenticated =
        api.http().getForEntity("/engine-rest/engine", String.class).getStatusCode().value();
    assertThat(authenticated).isIn(403, 404);
    assertThat(api.http().getForEntity("/camunda/app/cockpit/", String.class).getStatusCode().value())
        .isIn(403, 404);
  }

  @Test
  void shouldLetOnlyAdminsManageUsers() {
    ResponseEntity<JsonNode> created =
        api.postJson(
            "/api/users",
            Map.of("username", "mia", "password", "correct-horse-battery", "roles", List.of("MARKETER")));
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    CairnApi marketer = new CairnApi(rest.withBasicAuth("mia", "correct-horse-battery"));
    assertThat(marketer.get("/api/segments").getStatusCode().value()).isEqualTo(200);
    assertProblem(marketer.get("/api/users"), 403, "forbidden");
  }

  @Test
  void shouldRefuseMalformedCsvAndStoreNothing() {
    long before = count("cairn_entity");
    assertProblem(api.importCsv("user", "id,city\nu2,\"Shenzhen\nu3,Beijing\n"), 400, "invalid-csv");
    ResponseEntity<JsonNode> unknown = api.importCsv("user", "id,city,shoe_size\nu4,Beijing,42\n");
    assertProblem(unknown, 400, "invalid-csv");
    assertThat(fields(unknown)).contains("shoe_size");
    assertProblem(api.importCsv("user", "city\nBeijing\n"), 400, "invalid-csv");
    assertProblem(api.importCsv("planet", "id\nx\n"), 400, "invalid-entity-type");
    assertThat(count("cairn_entity")).isEqualTo(before);
  }

  @Test
  void shouldReportBadRowsPerLineAndKeepTheGoodOnes() {
    JsonNode report =
        api.importCsv("user", "id,mobile,city,age\nu10,+8613800000010,Wuhan,41\nu11,,Wuhan,old\n"
                + "u10,,Wuhan,20\nu12,not-a-phone,Wuhan,20\nu13,,Xi'an,55\n")
            .getBody();
    // the repeated u10 (line 4) replaces line 2, as a re-import would (ProfileImporter)
    assertThat(report.get("imported")).as(String.valueOf(report)).isNotNull();
    assertThat(report.get("imported").asInt()).isEqualTo(3);
    assertThat(report.get("rejected").asInt()).isEqualTo(2);
    assertThat(report.get("errors").findValuesAsText("column")).containsExactly("age", "mobile");
    assertThat(report.get("errors").findValues("line").stream().map(JsonNode::asInt))
        .containsExactly(3, 5);
  }

  @Test
  void shouldRefuseRulesWithUnknownTagsOrOperatorsAndCreateNothing() {
    long before = count("cairn_segment");
    ResponseEntity<JsonNode> r =
        api.postJson(
            "/api/segments",
            Map.of(
                "name", "bad",
                "entityType", "user",
                "rule",
                    CairnApi.parse(
                        "{\"groups\":[{\"conditions\":[{\"tag\":\"city\",\"op\":\"in\",\"values\":[\"Wuhan\"]},"
                            + "{\"tag\":\"nope\",\"op\":\"in\",\"values\":[\"x\"]},"
                            + "{\"tag\":\"age\",\"op\":\"contains\",\"values\":[\"x\"]}]}]}")));
    assertProblem(r, 400, "invalid-segment"); // "rule" is the definition of a RULE segment
    assertThat(fields(r))
        .containsExactly(
            "definition.groups[0].conditions[1].tag", "definition.groups[0].conditions[2].op");
    assertProblem(
        api.postJson("/api/segments/estimate", Map.of("entityType", "user", "rule", Map.of("groups", List.of()))),
        400,
        "invalid-segment");
    assertThat(count("cairn_segment")).isEqualTo(before);
  }

  @Test
  void shouldRefuseABackslashInARuleValueBecauseMysqlWouldReadItAsAnEscape() {
    long before = count("cairn_segment");
    ResponseEntity<JsonNode> r =
        api.postJson(
            "/api/segments",
            Map.of(
                "name", "escape",
                "entityType", "user",
                "rule",
                    CairnApi.parse(
                        "{\"groups\":[{\"conditions\":[{\"tag\":\"city\",\"op\":\"in\","
                            + "\"values\":[\"\\\\\",\" OR 1=1 -- \"]}]}]}")));
    assertProblem(r, 400, "invalid-segment");
    assertThat(fields(r)).containsExactly("definition.groups[0].conditions[0].values");
    assertThat(count("cairn_segment")).isEqualTo(before);
  }

  @Test
  void shouldAnswer404ForAMissingSegment() {
    ResponseEntity<JsonNode> r = api.get("/api/segments/999999");
    assertProblem(r, 404, "not-found");
    assertProblem(api.post("/api/journeys/999999/start"), 404, "not-found");
  }

  @Test
  void shouldRefuseHostileOrIncompleteJourneysAndDeployNothing() throws Exception {
    long before = count("cairn_journey");
    long deployments = count("ACT_RE_DEPLOYMENT");
    String sample = CairnApi.sampleJourney("welcome-split.bpmn", 999999);

    ResponseEntity<JsonNode> missingSegment = api.deployJourney("j", bytes(sample));
    assertProblem(missingSegment, 400, "invalid-bpmn");
    assertThat(fields(missingSegment)).contains("entry");

    String script =
        sample.replace(
            "<bpmn:endEvent id=\"end_sms\" name=\"SMS sent\">",
            "<bpmn:scriptTask id=\"evil\" scriptFormat=\"javascript\"><bpmn:script>java.lang.Runtime"
                + ".getRuntime().exec('id')</bpmn:script></bpmn:scriptTask>"
                + "<bpmn:endEvent id=\"end_sms\" name=\"SMS sent\">");
    ResponseEntity<JsonNode> scripted = api.deployJourney("j", bytes(script));
    assertProblem(scripted, 400, "invalid-bpmn");
    assertThat(fields(scripted)).contains("evil");

    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + sample.substring(sample.indexOf("<bpmn:definitions"));
    ResponseEntity<JsonNode> entity = api.deployJourney("j", bytes(xxe));
    assertProblem(entity, 400, "invalid-bpmn");
    assertThat(entity.getBody().toString()).doesNotContain("root:");

    String deadEnd =
        sample.replace(
            "<bpmn:sequenceFlow id=\"to_split\" sourceRef=\"entry\" targetRef=\"split\" />",
            "<bpmn:sequenceFlow id=\"to_split\" sourceRef=\"entry\" targetRef=\"nowhere\" />"
                + "<bpmn:exclusiveGateway id=\"nowhere\" camunda:modelerTemplate=\"io.cairn.randomSplit\" />");
    ResponseEntity<JsonNode> branchToNothing = api.deployJourney("j", bytes(deadEnd));
    assertProblem(branchToNothing, 400, "invalid-bpmn");
    assertThat(fields(branchToNothing)).contains("nowhere");

    assertThat(count("cairn_journey")).isEqualTo(before);
    assertThat(count("ACT_RE_DEPLOYMENT")).isEqualTo(deployments);
  }

  @Test
  void shouldRefuseMalformedAndTooDeepJson() {
    assertProblem(api.postJson("/api/tags", "{\"code\": "), 400, "malformed-request");
    String deep = "[".repeat(2_000) + "]".repeat(2_000);
    assertProblem(
        api.postJson("/api/segments/estimate", "{\"entityType\":\"user\",\"rule\":" + deep + "}"),
        400,
        "malformed-request");
    assertProblem(
        api.postJson("/api/tags", Map.of("code", "Bad Code", "name", "x", "type", "ENUM", "entityType", "user")),
        400,
        "invalid-tag");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
