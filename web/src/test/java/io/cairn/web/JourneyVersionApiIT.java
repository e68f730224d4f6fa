package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.segment.SegmentService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The routes of journey versions, runs, per-run statistics and incidents over HTTP: publish a
 * version of a completed journey, list, preview and apply it, run again on it, read both runs'
 * statistics and the paged runs, and the errors of each route.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cairn.security.admin-password=it-secret", "cairn.demo.enabled=false"})
class JourneyVersionApiIT {

  @Autowired TestRestTemplate rest;
  @Autowired SegmentService segments;

  @Test
  void shouldPublishPreviewApplyAndReportPerRun() {
    CairnApi api = new CairnApi(rest.withBasicAuth("admin", "it-secret"));
    long segmentId =
        segments.createStatic("versions-api", "user", RoaringBitmap.bitmapOfRange(0, 40), "test").id();
    String v1 = CairnApi.sampleJourney("welcome-split.bpmn", segmentId);
    long journeyId =
        api.deployJourney("Versioned welcome", v1.getBytes(StandardCharsets.UTF_8))
            .getBody()
            .get("id")
            .asLong();
    api.post("/api/journeys/" + journeyId + "/start");
    api.await("/api/journeys/" + journeyId, "COMPLETED", Duration.ofSeconds(60));
    long run1 = api.get("/api/journeys/" + journeyId + "/runs").getBody().at("/items/0/id").asLong();

    String v2 = v1.replace("name=\"SMS group\"", "name=\"Texted\"");
    ResponseEntity<JsonNode> published =
        publish(api.http(), journeyId, v2, "MIGRATE");
    assertThat(published.getStatusCode().value()).as(String.valueOf(published.getBody())).isEqualTo(201);
    assertThat(published.getHeaders().getLocation().getPath())
        .isEqualTo("/api/journeys/" + journeyId + "/versions/2");
    assertThat(published.getBody().get("policy").asText()).isEqualTo("MIGRATE");
    JsonNode listed = api.get("/api/journeys/" + journeyId + "/versions").getBody();
    assertThat(listed.findValuesAsText("version")).containsExactly("1", "2");
    assertThat(listed.get(1).get("current").asBoolean()).isTrue();

    JsonNode preview = api.post("/api/journeys/" + journeyId + "/versions/2/preview").getBody();
    assertThat(preview.get("moves")).isEmpty();
    assertThat(preview.get("movingUsers").asLong()).isZero();
    ResponseEntity<JsonNode> applied = api.post("/api/journeys/" + journeyId + "/versions/2/apply");
    assertThat(applied.getStatusCode().value()).isEqualTo(200);
    assertThat(applied.getBody().get("migrationId").asLong()).isPositive();
    assertProblem(api.post("/api/journeys/" + journeyId + "/versions/1/apply"), 409, "version-not-current");
    assertProblem(api.post("/api/journeys/" + journeyId + "/versions/9/preview"), 404, "not-found");

    api.post("/api/journeys/" + journeyId + "/start");
    api.await("/api/journeys/" + journeyId, "COMPLETED", Duration.ofSeconds(60));
    JsonNode page = api.get("/api/journeys/" + journeyId + "/runs?page=0&size=1").getBody();
    assertThat(page.get("total").asLong()).isEqualTo(2);
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.at("/items/0/version").asInt()).as("the newest run, on v2").isEqualTo(2);
    assertThat(page.at("/items/0/status").asText()).isEqualTo("COMPLETED");
    long run2 = page.at("/items/0/id").asLong();
    assertThat(run2).isNotEqualTo(run1);

    JsonNode stats1 = api.get("/api/journeys/" + journeyId + "/stats?run=" + run1).getBody();
    assertThat(stats1.at("/run/id").asLong()).isEqualTo(run1);
    assertThat(stats1.get("version").asInt()).isEqualTo(1);
    assertThat(branch(stats1, "to_sms").get("name").asText()).isEqualTo("SMS group");
    assertThat(branch(stats1, "to_sms").get("users").asLong() + branch(stats1, "to_email").get("users").asLong())
        .isEqualTo(40);
    assertThat(stats1.at("/path/elements/0").asText()).isEqualTo("entry");
    JsonNode latest = api.get("/api/journeys/" + journeyId + "/stats").getBody();
    assertThat(latest.at("/run/id").asLong()).isEqualTo(run2);
    assertThat(branch(latest, "to_sms").get("name").asText()).isEqualTo("Texted");
    assertThat(latest.get("actions")).hasSize(2);

    assertThat(api.get("/api/journeys/" + journeyId + "/incidents").getBody()).isEmpty();
    assertProblem(api.post("/api/journeys/" + journeyId + "/incidents/engine-999999/retry"), 404, "not-found");
    assertProblem(api.post("/api/journeys/" + journeyId + "/incidents/bogus/retry"), 400, "invalid-incident");
    assertProblem(api.get("/api/journeys/" + journeyId + "/runs?size=0"), 400, "invalid-paging");
    assertProblem(api.get("/api/journeys/" + journeyId + "/stats?run=999999"), 404, "not-found");
    assertProblem(publish(api.http(), journeyId, v2, "SOMETIMES"), 400, "invalid-version");
    ResponseEntity<JsonNode> invalid =
        publish(api.http(), journeyId, v2.replace("io.cairn.sendSms", "io.cairn.nothing"), "STAY");
    assertProblem(invalid, 400, "invalid-bpmn");
    assertThat(invalid.getBody().get("violations").findValuesAsText("field")).contains("sms");
    assertProblem(publish(api.http(), 999_999, v2, "STAY"), 404, "not-found");
    assertThat(rest.getForEntity("/api/journeys/" + journeyId + "/versions", String.class).getStatusCode().value())
        .isEqualTo(401);
    assertThat(rest.getForEntity("/api/journeys/" + journeyId + "/incidents", String.class).getStatusCode().value())
        .isEqualTo(401);
  }

  private static ResponseEntity<JsonNode> publish(
      TestRestTemplate http, long journeyId, String bpmn, String policy) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_XML);
    return http.exchange(
        "/api/journeys/" + journeyId + "/versions?policy=" + policy,
        HttpMethod.POST,
        new HttpEntity<>(bpmn.getBytes(StandardCharsets.UTF_8), headers),
        JsonNode.class);
  }

  private static JsonNode branch(JsonNode stats, String flowId) {
    for (JsonNode b : stats.get("branches")) {
      if (b.get("flowId").asText().equals(flowId)) {
        return b;
      }
    }
    throw new AssertionError(flowId + " not in " + stats.get("branches"));
  }

  private static void assertProblem(ResponseEntity<JsonNode> r, int status, String type) {
    assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(status);
    assertThat(r.getBody().get("type").asText()).isEqualTo("urn:cairn:problem:" + type);
  }
}
