package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.cairn.web.demo.DemoPopulation;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The foundation's vertical slice, over HTTP only: tags, a 10,000-user CSV import, a segment, the
 * sample journey from {@code processes}, SMS to an HTTP provider (MockWebServer) and email to an
 * SMTP server (GreenMail).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cairn.security.admin-password=it-secret",
      "cairn.demo.enabled=false",
      "cairn.channels.sms.connector=http",
      "cairn.channels.email.connector=smtp",
      "cairn.channels.sms.http.api-key=e2e-key",
      "cairn.dispatch.poll-interval=50ms",
      "cairn.journeys.monitor-interval=100ms",
      "logging.level.com.icegreen=WARN"
    })
class JourneyEndToEndIT {

  private static final int USERS = 10_000;
  private static final long SEED = 20261124L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MockWebServer smsProvider = new MockWebServer();
  /** mobile → texts received by the SMS provider. */
  private static final Map<String, List<String>> smsByMobile = new ConcurrentHashMap<>();

  private static final GreenMail smtp = new GreenMail(ServerSetup.SMTP.dynamicPort());

  // Started before the Spring context, whose connector beans need their addresses.
  static {
    smtp.start();
    try {
      startProvider();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void startProvider() throws IOException {
    smsProvider.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            try {
              JsonNode body = JSON.readTree(request.getBody().readUtf8());
              StringBuilder results = new StringBuilder("{\"results\":[");
              for (JsonNode m : body.get("messages")) {
                smsByMobile
                    .computeIfAbsent(m.get("to").asText(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(m.get("text").asText());
                if (results.charAt(results.length() - 1) == '}') {
                  results.append(',');
                }
                results
                    .append("{\"id\":\"")
                    .append(m.get("id").asText())
                    .append("\",\"status\":\"accepted\",\"providerMessageId\":\"p-")
                    .append(m.get("id").asText())
                    .append("\"}");
              }
              return new MockResponse()
                  .setHeader("Content-Type", "application/json")
                  .setBody(results.append("]}").toString());
            } catch (IOException e) {
              return new MockResponse().setResponseCode(400);
            }
          }
        });
    smsProvider.start();
  }

  @AfterAll
  static void stopProviders() throws IOException {
    smsProvider.shutdown();
    smtp.stop();
  }

  @DynamicPropertySource
  static void providers(DynamicPropertyRegistry registry) {
    registry.add("cairn.channels.sms.http.url", () -> smsProvider.url("/sms/send").toString());
    registry.add("cairn.channels.email.smtp.host", () -> "127.0.0.1");
    registry.add("cairn.channels.email.smtp.port", () -> smtp.getSmtp().getPort());
  }

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldDeliverTheSampleJourneyToEverySegmentMemberOnce() throws Exception {
    CairnApi api = new CairnApi(rest.withBasicAuth("admin", "it-secret"));
    for (DemoPopulation.TagSpec tag : DemoPopulation.TAGS) {
      api.defineTag(tag.code(), tag.name(), tag.type());
    }
    StringWriter csv = new StringWriter();
    DemoPopulation.writeCsv(USERS, SEED, csv);
    JsonNode report = api.importCsv("user", csv.toString()).getBody();
    assertThat(report.get("imported").asInt()).as(report.toString()).isEqualTo(USERS);
    Map<String, CSVRecord> byMobile = new HashMap<>();
    Map<String, CSVRecord> byEmail = new HashMap<>();
    Set<String> expectedMembers = new HashSet<>();
    for (CSVRecord r :
        CSVFormat.DEFAULT.builder().setHeader().build().parse(new StringReader(csv.toString()))) {
      int age = Integer.parseInt(r.get("age"));
      if (age >= 25 && age <= 60 && !r.get("member_level").equals("platinum")) {
        expectedMembers.add(r.get("id"));
        byMobile.put(r.get("mobile"), r);
        byEmail.put(r.get("email"), r);
      }
    }

    JsonNode segment =
        api.createSegment(
            "Adults except platinum",
            """
            {"groups":[{"conditions":[{"tag":"age","op":"between","values":[25,60]}],
              "exclude":[{"tag":"member_level","op":"in","values":["platinum"]}]}]}
            """,
            Duration.ofSeconds(60));
    assertThat(segment.get("size").asLong()).isEqualTo(expectedMembers.size());

    byte[] bpmn =
        CairnApi.sampleJourney("welcome-split.bpmn", segment.get("id").asLong())
            .getBytes(StandardCharsets.UTF_8);
    JsonNode journey = api.deployJourney("Welcome split", bpmn).getBody();
    long journeyId = journey.get("id").asLong();
    assertThat(journey.get("status").asText()).as(journey.toString()).isEqualTo("NOT_STARTED");

    var started = api.post("/api/journeys/" + journeyId + "/start");
    assertThat(started.getStatusCode().value()).as(String.valueOf(started.getBody())).isEqualTo(200);
    api.await("/api/journeys/" + journeyId, "COMPLETED", Duration.ofSeconds(120));

    // (a) exactly one ledger row per member, on exactly one branch
    List<Map<String, Object>> ledger =
        jdbc.queryForList(
            "SELECT a.element_id, d.entity_id, d.status, d.recipient FROM cairn_delivery d"
                + " JOIN cairn_action_execution a ON a.id = d.action_id");
    assertThat(ledger).hasSize(expectedMembers.size());
    assertThat(ledger.stream().map(r -> r.get("entity_id")).distinct().count())
        .isEqualTo(expectedMembers.size());
    long smsRows = ledger.stream().filter(r -> "sms".equals(r.get("element_id"))).count();
    // (b) 60/40 within ±2 percentage points
    assertThat((double) smsRows / expectedMembers.size()).isBetween(0.58, 0.62);

    // (a)+(c) each SMS went to one member once and carries that member's own values
    int smsMessages = 0;
    for (Map.Entry<String, List<String>> e : smsByMobile.entrySet()) {
      assertThat(e.getValue()).as("messages to one mobile").hasSize(1);
      CSVRecord user = byMobile.get(e.getKey());
      assertThat(user).as("SMS recipient is a member").isNotNull();
      String name = user.get("first_name").isEmpty() ? "friend" : user.get("first_name");
      assertThat(e.getValue().get(0))
          .isEqualTo(
              "【Cairn】Hi "
                  + name
                  + ", your "
                  + user.get("member_level")
                  + " member offer is ready in "
                  + user.get("city")
                  + ".回T退订"); // a promotional text ends with the opt-out
      smsMessages++;
    }
    Set<String> emailed = new HashSet<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      String to = m.getAllRecipients()[0].toString();
      assertThat(emailed.add(to)).as("one email per member").isTrue();
      CSVRecord user = byEmail.get(to);
      assertThat(user).as("email recipient is a member").isNotNull();
      assertThat(user.get("first_name")).as("empty first_name is skipped").isNotEmpty();
      assertThat(m.getSubject()).isEqualTo(user.get("first_name") + ", a gift for you");
      assertThat(((String) m.getContent()).trim())
          .isEqualTo(
              "Hello " + user.get("first_name") + ", enjoy 10% off in " + user.get("city") + ".");
    }
    assertThat(smsByMobile.keySet()).doesNotContainAnyElementsOf(emailedMobiles(emailed, byEmail));
    long skippedEmails =
        ledger.stream()
            .filter(r -> "email".equals(r.get("element_id")) && "SKIPPED".equals(r.get("status")))
            .count();
    assertThat(skippedEmails).as("members without email or first name are skipped").isPositive();

    // (d) stats equal the ledger
    JsonNode stats = api.get("/api/journeys/" + journeyId + "/stats").getBody();
    for (JsonNode action : stats.get("actions")) {
      String element = action.get("elementId").asText();
      Map<String, Long> byStatus = new HashMap<>();
      ledger.stream()
          .filter(r -> element.equals(r.get("element_id")))
          .forEach(r -> byStatus.merge((String) r.get("status"), 1L, Long::sum));
      assertThat(action.get("recipients").asLong())
          .isEqualTo(byStatus.values().stream().mapToLong(Long::longValue).sum());
      assertThat(action.get("sent").asLong()).isEqualTo(byStatus.getOrDefault("SENT", 0L));
      assertThat(action.get("failed").asLong()).isEqualTo(byStatus.getOrDefault("FAILED", 0L));
      assertThat(action.get("skipped").asLong()).isEqualTo(byStatus.getOrDefault("SKIPPED", 0L));
      long delivered = element.equals("sms") ? smsMessages : emailed.size();
      assertThat(action.get("sent").asLong()).isEqualTo(delivered);
    }
    JsonNode entry = node(stats, "entry");
    assertThat(entry.get("entered").asLong()).isEqualTo(expectedMembers.size());
    assertThat(node(stats, "sms").get("entered").asLong()).isEqualTo(smsRows);

    // (b) a rerun on the same data splits everyone the same way
    Set<Object> smsEntitiesRun1 = entitiesOf(ledger, "sms");
    api.post("/api/journeys/" + journeyId + "/start");
    api.await("/api/journeys/" + journeyId, "COMPLETED", Duration.ofSeconds(120));
    List<Map<String, Object>> rerun =
        jdbc.queryForList(
            "SELECT a.element_id, d.entity_id FROM cairn_delivery d JOIN cairn_action_execution a"
                + " ON a.id = d.action_id WHERE a.run_id = (SELECT MAX(run_id) FROM"
                + " cairn_action_execution)");
    assertThat(entitiesOf(rerun, "sms")).isEqualTo(smsEntitiesRun1);
  }

  private static Set<String> emailedMobiles(Set<String> emailed, Map<String, CSVRecord> byEmail) {
    Set<String> mobiles = new HashSet<>();
    for (String e : emailed) {
      String mobile = byEmail.get(e).get("mobile");
      if (!mobile.isEmpty()) {
        mobiles.add(mobile);
      }
    }
    return mobiles;
  }

  private static Set<Object> entitiesOf(List<Map<String, Object>> rows, String element) {
    Set<Object> out = new HashSet<>();
    rows.stream()
        .filter(r -> element.equals(r.get("element_id")))
        .forEach(r -> out.add(((Number) r.get("entity_id")).longValue()));
    return out;
  }

  private static JsonNode node(JsonNode stats, String elementId) {
    for (JsonNode n : stats.get("nodes")) {
      if (n.get("elementId").asText().equals(elementId)) {
        return n;
      }
    }
    throw new AssertionError("no node " + elementId + " in " + stats);
  }
}
