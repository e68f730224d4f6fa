package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.testing.TestDatabase;
import io.cairn.web.demo.DemoPopulation;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;

/**
 * JRN-1 (foundation figure): wall time for an audience journey of N users — import, segment, and
 * the sample journey (random split 60/40, SMS and email through the sandbox connectors) until
 * every recipient has a ledger outcome — against per-user Camunda 7 (one process instance per
 * user through an equivalent split and a no-op service task) on the same database in the same
 * run. Prints figures; asserts only correctness. Run it as BENCHMARKS.md says.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    classes = {CairnApplication.class, JourneyBenchmark.PerUserPeer.class},
    properties = {
      "cairn.security.admin-password=bench",
      "cairn.demo.enabled=false",
      "cairn.dispatch.poll-interval=20ms",
      "cairn.journeys.monitor-interval=50ms",
      "logging.level.root=WARN"
    })
class JourneyBenchmark {

  private static final int USERS = Integer.getInteger("cairn.bench.users", 10_000);
  private static final int PEER_USERS =
      Integer.getInteger("cairn.bench.peer-users", Math.min(USERS, 20_000));

  @TestConfiguration
  static class PerUserPeer {
    static final AtomicLong calls = new AtomicLong();

    @Bean("benchNoop")
    JavaDelegate benchNoop() {
      return execution -> calls.incrementAndGet();
    }
  }

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;

  @Test
  void audienceJourneyVersusPerUserCamunda() throws Exception {
    CairnApi api = new CairnApi(rest.withBasicAuth("admin", "bench"));
    for (DemoPopulation.TagSpec tag : DemoPopulation.TAGS) {
      api.defineTag(tag.code(), tag.name(), tag.type());
    }
    Path csv = Files.createTempFile("cairn-bench", ".csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      DemoPopulation.writeCsv(USERS, 42, w);
    }
    long t0 = System.nanoTime();
    JsonNode report = api.importCsv("user", csv).getBody();
    long importNanos = System.nanoTime() - t0;
    Files.delete(csv);
    assertThat(report.get("imported").asInt()).as(String.valueOf(report)).isEqualTo(USERS);

    t0 = System.nanoTime();
    JsonNode segment =
        api.createSegment(
            "Everyone",
            "{\"groups\":[{\"conditions\":[{\"tag\":\"age\",\"op\":\"gte\",\"value\":0}]}]}",
            Duration.ofMinutes(10));
    long segmentNanos = System.nanoTime() - t0;
    assertThat(segment.get("size").asInt()).isEqualTo(USERS);

    byte[] bpmn =
        CairnApi.sampleJourney("welcome-split.bpmn", segment.get("id").asLong())
            .getBytes(StandardCharsets.UTF_8);
    long journeyId = api.deployJourney("Bench", bpmn).getBody().get("id").asLong();
    t0 = System.nanoTime();
    api.post("/api/journeys/" + journeyId + "/start");
    long enteredNanos = System.nanoTime() - t0;
    api.await("/api/journeys/" + journeyId, "COMPLETED", Duration.ofMinutes(30));
    long journeyNanos = System.nanoTime() - t0;
    JsonNode stats = api.get("/api/journeys/" + journeyId + "/stats").getBody();
    long recipients = 0;
    for (JsonNode a : stats.get("actions")) {
      recipients += a.get("recipients").asLong();
      assertThat(a.get("pending").asLong()).isZero();
    }
    assertThat(recipients).isEqualTo(USERS);

    double peerPerSecond = perUserCamunda(PEER_USERS);
    double peerSecondsForAll = USERS / peerPerSecond;
    double journeySeconds = journeyNanos / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%n==== JRN-1 foundation benchmark (%s, %,d users) ====%n"
            + "profile import (HTTP, CSV)      %8.2f s  (%,.0f users/s)%n"
            + "segment to ACTIVE               %8.2f s%n"
            + "journey start → in the ledger   %8.2f s%n"
            + "journey start → COMPLETED       %8.2f s  (%,.0f recipients/s, all outcomes recorded)%n"
            + "per-user Camunda peer           %8.0f instances/s over %,d users"
            + " → %,.1f s for %,d users%n"
            + "ratio (peer time / Cairn time)  %8.1f×%n",
        TestDatabase.kind(),
        USERS,
        importNanos / 1e9,
        USERS / (importNanos / 1e9),
        segmentNanos / 1e9,
        enteredNanos / 1e9,
        journeySeconds,
        USERS / journeySeconds,
        peerPerSecond,
        PEER_USERS,
        peerSecondsForAll,
        USERS,
        peerSecondsForAll / journeySeconds);
  }

  /** Starts one instance per user of start → random split → no-op send → end; returns rate. */
  private double perUserCamunda(int users) {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("per_user_peer")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .exclusiveGateway("split")
            .condition("sms", "${bucket < 60}")
            .serviceTask("send_sms")
            .camundaDelegateExpression("${benchNoop}")
            .endEvent()
            .moveToNode("split")
            .condition("email", "${bucket >= 60}")
            .serviceTask("send_email")
            .camundaDelegateExpression("${benchNoop}")
            .endEvent()
            .done();
    String definitionId =
        repository
            .createDeployment()
            .addModelInstance("peer.bpmn", model)
            .deployWithResult()
            .getDeployedProcessDefinitions()
            .get(0)
            .getId();
    long start = System.nanoTime();
    for (int i = 0; i < users; i++) {
      runtime.startProcessInstanceById(
          definitionId, "u" + i, Variables.createVariables().putValue("bucket", i % 100));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(PerUserPeer.calls.get()).isEqualTo(users);
    return users / seconds;
  }
}
