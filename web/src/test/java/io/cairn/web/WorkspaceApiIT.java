package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.segment.SegmentService;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Workspaces over HTTP: a marketer sees and uses only the workspaces they are a member of, and the
 * segments, journeys, webhooks and templates of another workspace answer 404 (never 403, so ids
 * do not leak); a journey cannot use another workspace's segment; workspace and member management
 * is for administrators; journeys are copied and deleted in their workspace. The run monitor
 * checks only at start-up here ({@code monitor-interval=1h}) so that a started journey stays
 * RUNNING.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cairn.security.admin-password=it-secret",
      "cairn.demo.enabled=false",
      "cairn.security.ssrf-allow-list=127.0.0.1",
      "cairn.security.secrets-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "cairn.journeys.monitor-interval=1h"
    })
class WorkspaceApiIT {

  private static final String HEADER = "X-Cairn-Workspace";
  private static final String PASSWORD = "a-long-marketer-password";
  private static final AtomicInteger N = new AtomicInteger();

  @Autowired TestRestTemplate rest;
  @Autowired SegmentService segments;

  @Test
  void shouldShowAMarketerOnlyTheWorkspacesTheyBelongTo() {
    long a = createWorkspace("Brand A " + N.incrementAndGet());
    long b = createWorkspace("Brand B " + N.incrementAndGet());
    String marketer = marketer();
    assertThat(admin(HttpMethod.PUT, "/api/workspaces/" + a + "/members/" + marketer, null, null)
            .getStatusCode().value())
        .isEqualTo(204);
    assertThat(admin(HttpMethod.DELETE, "/api/workspaces/1/members/" + marketer, null, null)
            .getStatusCode().value())
        .isEqualTo(204);

    // B's content, created by an administrator in B
    long segmentOfB = segment(b);
    long segmentOfA = segment(a);
    long journeyOfB = created(deploy(adminRest(), b, "B's journey", segmentOfB));
    long templateOfB = created(admin(HttpMethod.POST, "/api/templates", b, smsTemplate("B hello")));
    long webhookOfB = created(admin(HttpMethod.POST, "/api/webhooks", b, webhook("B's CRM")));

    TestRestTemplate m = rest.withBasicAuth(marketer, PASSWORD);
    for (String path :
        List.of(
            "/api/segments/" + segmentOfB,
            "/api/journeys/" + journeyOfB,
            "/api/journeys/" + journeyOfB + "/runs",
            "/api/templates/" + templateOfB,
            "/api/webhooks/" + webhookOfB)) {
      assertProblem(call(m, HttpMethod.GET, path, a, null), 404, "not-found");
    }
    assertProblem(
        call(m, HttpMethod.POST, "/api/journeys/" + journeyOfB + "/start", a, null), 404, "not-found");
    assertProblem(
        call(m, HttpMethod.DELETE, "/api/segments/" + segmentOfB, a, null), 404, "not-found");
    assertThat(ids(call(m, HttpMethod.GET, "/api/segments", a, null).getBody().get("items")))
        .contains(segmentOfA)
        .doesNotContain(segmentOfB);
    assertThat(call(m, HttpMethod.GET, "/api/journeys", a, null).getBody().get("total").asLong())
        .isZero();
    assertThat(call(m, HttpMethod.GET, "/api/webhooks", a, null).getBody()).isEmpty();
    assertThat(call(m, HttpMethod.GET, "/api/templates", a, null).getBody().get("items")).isEmpty();

    // using B's segment from A is refused like a missing segment, naming the element
    ResponseEntity<JsonNode> foreign = deploy(m, a, "borrowing", segmentOfB);
    assertProblem(foreign, 400, "invalid-bpmn");
    assertThat(foreign.getBody().get("violations").findValuesAsText("field")).contains("entry");
    long own = created(deploy(m, a, "own", segmentOfA));
    assertThat(ids(call(m, HttpMethod.GET, "/api/journeys", a, null).getBody().get("items")))
        .containsExactly(own);
    assertThat(ids(admin(HttpMethod.GET, "/api/journeys", null, null).getBody().get("items")))
        .doesNotContain(own, journeyOfB);

    // workspaces the marketer is not a member of do not exist for them
    assertProblem(call(m, HttpMethod.GET, "/api/segments", b, null), 404, "not-found");
    assertProblem(call(m, HttpMethod.GET, "/api/segments", null, null), 404, "not-found");
    assertProblem(call(m, HttpMethod.GET, "/api/workspaces/" + b, null, null), 404, "not-found");
    assertThat(ids(call(m, HttpMethod.GET, "/api/workspaces", null, null).getBody()))
        .containsExactly(a);
    assertThat(ids(admin(HttpMethod.GET, "/api/workspaces", null, null).getBody()))
        .contains(1L, a, b);
    assertProblem(call(m, HttpMethod.GET, "/api/segments", "x1", null), 400, "invalid-workspace");
  }

  @Test
  void shouldLeaveWorkspaceAndMemberManagementToAdministrators() {
    String marketer = marketer();
    TestRestTemplate m = rest.withBasicAuth(marketer, PASSWORD);
    assertProblem(
        call(m, HttpMethod.POST, "/api/workspaces", null, Map.of("name", "mine")), 403, "forbidden");
    assertProblem(
        call(m, HttpMethod.PUT, "/api/workspaces/1/members/" + marketer, null, null),
        403,
        "forbidden");
    // a new user belongs to the default workspace
    assertThat(ids(call(m, HttpMethod.GET, "/api/workspaces", null, null).getBody()))
        .containsExactly(1L);

    String name = "Ops " + N.incrementAndGet();
    long w = createWorkspace(name);
    assertProblem(
        admin(HttpMethod.POST, "/api/workspaces", null, Map.of("name", name)),
        409,
        "workspace-name-taken");
    assertProblem(
        admin(HttpMethod.POST, "/api/workspaces", null, Map.of("name", " ")), 400, "invalid-workspace");
    ResponseEntity<JsonNode> renamed =
        admin(HttpMethod.PUT, "/api/workspaces/" + w, null, Map.of("name", name + " renamed"));
    assertThat(renamed.getBody().get("name").asText()).isEqualTo(name + " renamed");
    assertThat(admin(HttpMethod.GET, "/api/workspaces/" + w, null, null).getBody().get("name").asText())
        .isEqualTo(name + " renamed");

    assertProblem(
        admin(HttpMethod.PUT, "/api/workspaces/" + w + "/members/nobody-here", null, null),
        404,
        "not-found");
    admin(HttpMethod.PUT, "/api/workspaces/" + w + "/members/" + marketer, null, null);
    assertThat(admin(HttpMethod.GET, "/api/workspaces/" + w + "/members", null, null).getBody())
        .extracting(JsonNode::asText)
        .containsExactly(marketer);

    long template = created(admin(HttpMethod.POST, "/api/templates", w, smsTemplate("Ops hello")));
    ResponseEntity<JsonNode> refused = admin(HttpMethod.DELETE, "/api/workspaces/" + w, null, null);
    assertProblem(refused, 409, "workspace-not-empty");
    assertThat(refused.getBody().get("detail").asText()).contains("1 template");
    assertProblem(admin(HttpMethod.DELETE, "/api/workspaces/1", null, null), 409, "workspace-default");

    assertThat(admin(HttpMethod.DELETE, "/api/templates/" + template, w, null).getStatusCode().value())
        .isEqualTo(204);
    assertThat(admin(HttpMethod.DELETE, "/api/workspaces/" + w, null, null).getStatusCode().value())
        .isEqualTo(204);
    assertProblem(admin(HttpMethod.GET, "/api/workspaces/" + w, null, null), 404, "not-found");
    assertProblem(call(m, HttpMethod.GET, "/api/templates", w, null), 404, "not-found");
  }

  @Test
  void shouldCopyAndDeleteJourneysInTheirWorkspace() {
    long w = createWorkspace("Journeys " + N.incrementAndGet());
    long segment = segment(w);
    long original = created(deploy(adminRest(), w, "Spring sale", segment));

    ResponseEntity<JsonNode> copy = admin(HttpMethod.POST, "/api/journeys/" + original + "/copy", w, null);
    assertThat(copy.getStatusCode().value()).as(String.valueOf(copy.getBody())).isEqualTo(201);
    long copyId = copy.getBody().get("id").asLong();
    assertThat(copy.getHeaders().getLocation().getPath()).isEqualTo("/api/journeys/" + copyId);
    assertThat(copy.getBody().get("name").asText()).isEqualTo("Spring sale (copy)");
    assertThat(copy.getBody().get("status").asText()).isEqualTo("NOT_STARTED");
    assertProblem(
        admin(HttpMethod.POST, "/api/journeys/" + original + "/copy", null, null), 404, "not-found");

    assertThat(admin(HttpMethod.DELETE, "/api/journeys/" + copyId, w, null).getStatusCode().value())
        .isEqualTo(204);
    assertProblem(admin(HttpMethod.GET, "/api/journeys/" + copyId, w, null), 404, "not-found");
    assertProblem(admin(HttpMethod.DELETE, "/api/journeys/" + copyId, w, null), 404, "not-found");
    assertThat(ids(admin(HttpMethod.GET, "/api/journeys", w, null).getBody().get("items")))
        .containsExactly(original);

    assertThat(
            admin(HttpMethod.POST, "/api/journeys/" + original + "/start", w, null)
                .getBody().get("status").asText())
        .isEqualTo("RUNNING");
    assertProblem(admin(HttpMethod.DELETE, "/api/journeys/" + original, w, null), 409, "journey-active");
  }

  private TestRestTemplate adminRest() {
    return rest.withBasicAuth("admin", "it-secret");
  }

  private ResponseEntity<JsonNode> admin(HttpMethod method, String path, Object workspace, Object body) {
    return call(adminRest(), method, path, workspace, body);
  }

  private static ResponseEntity<JsonNode> call(
      TestRestTemplate as, HttpMethod method, String path, Object workspace, Object body) {
    HttpHeaders headers = new HttpHeaders();
    if (workspace != null) {
      headers.set(HEADER, String.valueOf(workspace));
    }
    if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    return as.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private ResponseEntity<JsonNode> deploy(TestRestTemplate as, long workspace, String name, long segment) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HEADER, String.valueOf(workspace));
    headers.setContentType(MediaType.APPLICATION_XML);
    return as.exchange(
        "/api/journeys?name={name}",
        HttpMethod.POST,
        new HttpEntity<>(bpmn(segment).getBytes(StandardCharsets.UTF_8), headers),
        JsonNode.class,
        name);
  }

  private long createWorkspace(String name) {
    return created(admin(HttpMethod.POST, "/api/workspaces", null, Map.of("name", name)));
  }

  private String marketer() {
    String name = "ws.marketer" + N.incrementAndGet();
    ResponseEntity<JsonNode> r =
        admin(
            HttpMethod.POST,
            "/api/users",
            null,
            Map.of("username", name, "password", PASSWORD, "roles", List.of("MARKETER")));
    assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(201);
    return name;
  }

  private long segment(long workspace) {
    return segments
        .createStatic(workspace, "everyone", "user", RoaringBitmap.bitmapOf(0, 1), "test")
        .id();
  }

  private static long created(ResponseEntity<JsonNode> r) {
    assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(201);
    JsonNode body = r.getBody().has("webhook") ? r.getBody().get("webhook") : r.getBody();
    return body.get("id").asLong();
  }

  private static List<Long> ids(JsonNode items) {
    return items.findValues("id").stream().map(JsonNode::asLong).toList();
  }

  private static void assertProblem(ResponseEntity<JsonNode> r, int status, String type) {
    assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(status);
    assertThat(r.getBody().get("type").asText()).endsWith(":" + type);
  }

  private static Map<String, Object> smsTemplate(String name) {
    return Map.of(
        "name", name,
        "channel", "SMS",
        "sms", Map.of("type", "NOTIFICATION", "signature", "Cairn", "text", "Hello"));
  }

  private static Map<String, Object> webhook(String name) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("name", name);
    w.put("url", "http://127.0.0.1:9/hook");
    w.put("idTypes", List.of("mobile"));
    w.put("parameters", List.of());
    w.put("receipts", Map.of("enabled", false, "windowHours", 72, "statuses", List.of()));
    return w;
  }

  private static String bpmn(long segmentId) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"defs\""
        + " targetNamespace=\"http://cairn.io/journeys\">"
        + "<bpmn:process id=\"ws_journey_"
        + N.incrementAndGet()
        + "\" isExecutable=\"true\" camunda:historyTimeToLive=\"30\">"
        + "<bpmn:startEvent id=\"entry\" name=\"Everyone\""
        + " camunda:modelerTemplate=\"io.cairn.audienceEntry\"><bpmn:extensionElements>"
        + "<camunda:properties><camunda:property name=\"segmentId\" value=\""
        + segmentId
        + "\" /></camunda:properties></bpmn:extensionElements></bpmn:startEvent>"
        + "<bpmn:sequenceFlow id=\"f\" sourceRef=\"entry\" targetRef=\"end\" />"
        + "<bpmn:endEvent id=\"end\" name=\"Done\" />"
        + "</bpmn:process></bpmn:definitions>";
  }
}
