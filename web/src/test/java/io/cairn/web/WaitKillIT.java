package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R4: an audience journey waits one minute before its SMS; Cairn is killed with SIGKILL while the
 * run waits and stays down past the minute, so the wait's timer falls due during the outage. After
 * the restart the timer fires exactly once: every user is sent one SMS, the wait's users left once,
 * and the SMS node ran once.
 */
class WaitKillIT {

  private static final int USERS = 1_000;

  @TempDir Path data;

  @Test
  void shouldFireATimerThatFellDueDuringAnOutageExactlyOnceAfterRestart() throws Exception {
    assumeFalse("mysql".equals(System.getProperty("cairn.test.db")),
        "the embedded default is H2; the MySQL run would repeat the same test");
    try (IdempotentSmsGateway gateway = new IdempotentSmsGateway();
        CairnProcess cairn = new CairnProcess(Files.createDirectories(data.resolve("db")))
            .jvmOptions(CairnProcess.FAST_START)) {
      String[] args = {
        "--cairn.channels.sms.connector=http",
        "--cairn.channels.sms.http.url=" + gateway.url(),
        "--cairn.dispatch.poll-interval=50ms",
        "--cairn.journeys.monitor-interval=100ms"
      };
      cairn.start(args);
      long segmentId = SendKillIT.audienceSegment(cairn, USERS);
      long journeyId = cairn.admin("POST", "/api/journeys?name=Wait", "application/xml",
          HttpRequest.BodyPublishers.ofString(waitThenSms(segmentId), StandardCharsets.UTF_8))
          .get("id").asLong();
      Instant started = Instant.now();
      cairn.admin("POST", "/api/journeys/" + journeyId + "/start", null);
      assertThat(node(cairn, journeyId, "wait").path("entered").asLong()).isEqualTo(USERS);
      cairn.kill();

      assertThat(timers(cairn)).as("the run's timer is stored while Cairn is down").isEqualTo(1);
      assertThat(gateway.accepted()).as("nothing sent before the wait ends").isEmpty();
      Instant due = started.plus(Duration.ofMinutes(1)).plusSeconds(2);
      while (Instant.now().isBefore(due)) {
        Thread.sleep(Math.max(1, Duration.between(Instant.now(), due).toMillis()));
      }

      cairn.start(args);
      SendKillIT.awaitStatus(cairn, journeyId, "COMPLETED", Duration.ofMinutes(4));
      assertThat(gateway.accepted()).as("every user sent once").hasSize(USERS);
      assertThat(gateway.repeats()).as("no id delivered twice").isEmpty();
      assertThat(gateway.mobilesDeliveredTwice()).isEmpty();
      assertThat(node(cairn, journeyId, "wait").path("left").asLong())
          .as("the cohort left the wait once")
          .isEqualTo(USERS);
      assertThat(node(cairn, journeyId, "sms").path("entered").asLong()).isEqualTo(USERS);
      cairn.close();
      assertThat(timers(cairn)).as("no timer left").isZero();
      assertThat(actionExecutions(cairn)).as("the SMS node ran once").isEqualTo(1);
    }
  }

  private static JsonNode node(CairnProcess cairn, long journeyId, String element) throws Exception {
    for (JsonNode n : cairn.admin("GET", "/api/journeys/" + journeyId + "/stats", null).path("nodes")) {
      if (n.path("elementId").asText().equals(element)) {
        return n;
      }
    }
    throw new AssertionError("no node " + element);
  }

  private static long timers(CairnProcess cairn) throws Exception {
    return cairn.count("SELECT COUNT(*) FROM act_ru_job WHERE type_ = 'timer'");
  }

  private static long actionExecutions(CairnProcess cairn) throws Exception {
    return cairn.count("SELECT COUNT(*) FROM cairn_action_execution");
  }

  /** Audience entry → wait one minute → one SMS → end. */
  static String waitThenSms(long segmentId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="wait_sms_defs"
            targetNamespace="http://cairn.io/journeys">
          <bpmn:process id="wait_sms" isExecutable="true" camunda:historyTimeToLive="30">
            <bpmn:startEvent id="entry" camunda:modelerTemplate="io.cairn.audienceEntry">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="segmentId" value="%d" />
              </camunda:properties></bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="to_wait" sourceRef="entry" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait" camunda:modelerTemplate="io.cairn.wait">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="amount" value="1" />
                <camunda:property name="unit" value="MINUTES" />
              </camunda:properties></bpmn:extensionElements>
              <bpmn:timerEventDefinition />
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="to_sms" sourceRef="wait" targetRef="sms" />
            <bpmn:serviceTask id="sms" camunda:modelerTemplate="io.cairn.sendSms"
                camunda:delegateExpression="${cairnSendSms}">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="template" value="Your cart misses you." />
                <camunda:property name="signature" value="Cairn" />
              </camunda:properties></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="to_end" sourceRef="sms" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(segmentId);
  }
}
