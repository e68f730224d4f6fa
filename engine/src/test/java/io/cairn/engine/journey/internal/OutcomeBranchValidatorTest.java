package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Validation of behaviour and result branches: every problem names the gateway or the flow. */
class OutcomeBranchValidatorTest {

  private static final Instant NOW = Instant.parse("2030-01-01T09:00:00Z");

  private final JourneyValidator validator =
      new JourneyValidator(
          JourneyValidator.Context.of(
                  id ->
                      id == 7 ? Optional.of("user") : id == 8 ? Optional.of("store") : Optional.empty(),
                  (channel, connectorId, props) -> List.of(),
                  Clock.fixed(NOW, ZoneOffset.UTC))
              .withBranches(
                  new BranchChecks(
                      b ->
                          b.eventCode().equals("bb_buy")
                              ? List.of()
                              : List.of("event type '" + b.eventCode() + "' does not exist"),
                      (channel, settings) ->
                          channel == Channel.SMS ? Duration.ofHours(72) : Duration.ofDays(7),
                      Clock.fixed(NOW, ZoneOffset.UTC))));

  private static String behaviour() {
    return resource("/journeys/behaviour-branch.bpmn");
  }

  private static String result() {
    return resource("/journeys/result-branch.bpmn");
  }

  private static String resource(String path) {
    try {
      return new String(
              OutcomeBranchValidatorTest.class.getResourceAsStream(path).readAllBytes(),
              StandardCharsets.UTF_8)
          .replace("SEGMENT_ID", "7");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Violation> violations(String xml) {
    try {
      validator.validate(xml.getBytes(StandardCharsets.UTF_8));
    } catch (InvalidInputException e) {
      return e.violations();
    }
    throw new AssertionError("expected the journey to be refused");
  }

  private static String property(String name, String value) {
    return "<camunda:property name=\"" + name + "\" value=\"" + value + "\" />";
  }

  @Test
  void shouldAcceptBothSampleJourneys() {
    assertThat(validator.validate(behaviour().getBytes(StandardCharsets.UTF_8)).processKey())
        .isEqualTo("behaviour_branch");
    assertThat(validator.validate(result().getBytes(StandardCharsets.UTF_8)).processKey())
        .isEqualTo("result_branch");
  }

  @Test
  void shouldRefuseABehaviourWindowOverFifteenDaysOrInWeeks() {
    String long16 = behaviour().replace(property("windowAmount", "2"), property("windowAmount", "16"));
    assertThat(violations(long16))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("bought");
              assertThat(v.message()).contains("Bought twice in 2 days?").contains("15 days");
            });
    String weeks = behaviour().replace(property("windowUnit", "DAYS"), property("windowUnit", "WEEKS"));
    assertThat(violations(weeks))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("windowUnit must be DAYS or HOURS"));
  }

  @Test
  void shouldAcceptFifteenDaysAndHours() {
    validator.validate(
        behaviour()
            .replace(property("windowAmount", "2"), property("windowAmount", "360"))
            .replace(property("windowUnit", "DAYS"), property("windowUnit", "HOURS"))
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldRefuseAMissingOrUnknownEvent() {
    assertThat(violations(behaviour().replace(property("eventCode", "bb_buy"), "")))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("bought");
              assertThat(v.message()).contains("choose the event");
            });
    assertThat(
            violations(
                behaviour().replace(property("eventCode", "bb_buy"), property("eventCode", "bb_nope"))))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("bought");
              assertThat(v.message()).contains("'bb_nope' does not exist");
            });
  }

  @Test
  void shouldRefuseABadJoinOrCount() {
    String xml =
        behaviour()
            .replace(property("conditionJoin", "OR"), property("conditionJoin", "XOR"))
            .replace(property("atLeast", "2"), property("atLeast", "0"));
    assertThat(violations(xml))
        .extracting(Violation::message)
        .anySatisfy(m -> assertThat(m).contains("conditionJoin must be AND or OR"))
        .anySatisfy(m -> assertThat(m).contains("atLeast"));
  }

  @Test
  void shouldRefuseMislabelledDuplicatedAndUntemplatedBehaviourFlows() {
    String mislabelled =
        behaviour().replace(property("branch", "DID_NOT"), property("branch", "MAYBE"));
    assertThat(violations(mislabelled))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("f_not");
              assertThat(v.message()).contains("\"Did not\"").contains("DID, DID_NOT");
            });
    String twice = behaviour().replace(property("branch", "DID_NOT"), property("branch", "DID"));
    assertThat(violations(twice))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("f_not");
              assertThat(v.message()).contains("DID already");
            });
    String untemplated =
        behaviour()
            .replace(
                "targetRef=\"nudge\" camunda:modelerTemplate=\"io.cairn.behaviourFlow\"",
                "targetRef=\"nudge\"");
    assertThat(violations(untemplated))
        .singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("f_not"));
  }

  @Test
  void shouldRefuseABehaviourBranchWithOneFlow() {
    String xml =
        behaviour()
            .replaceAll("(?s)<bpmn:sequenceFlow id=\"f_not\".*?</bpmn:sequenceFlow>", "")
            .replace("<bpmn:serviceTask id=\"nudge\"", "<bpmn:serviceTask id=\"nudge_unused\"");
    assertThat(violations(xml))
        .extracting(Violation::field, Violation::message)
        .anySatisfy(
            t -> {
              assertThat(t.toList().get(0)).isEqualTo("bought");
              assertThat((String) t.toList().get(1)).contains("two branches");
            });
  }

  @Test
  void shouldRefuseABehaviourBranchOnAnAudienceThatIsNotUsers() {
    String stores = behaviour().replace(property("segmentId", "7"), property("segmentId", "8"));
    assertThat(violations(stores))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("bought");
              assertThat(v.message()).contains("events belong to users").contains("store");
            });
  }

  @Test
  void shouldRefuseElementIdsReservedForTheWindow() {
    String xml = behaviour().replace("id=\"nudge\"", "id=\"bought__cairnWindow\"")
        .replace("targetRef=\"nudge\"", "targetRef=\"bought__cairnWindow\"");
    assertThat(violations(xml))
        .singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("bought__cairnWindow"));
  }

  @Test
  void shouldRefuseAResultBranchNotDirectlyAfterAnAction() {
    String afterWait =
        result()
            .replace(
                "<bpmn:sequenceFlow id=\"f_sms\" sourceRef=\"sms\" targetRef=\"results\" />",
                "<bpmn:sequenceFlow id=\"f_sms\" sourceRef=\"sms\" targetRef=\"pause\" />"
                    + "<bpmn:intermediateCatchEvent id=\"pause\" name=\"Pause\""
                    + " camunda:modelerTemplate=\"io.cairn.wait\"><bpmn:extensionElements>"
                    + "<camunda:properties>" + property("amount", "1") + property("unit", "HOURS")
                    + "</camunda:properties></bpmn:extensionElements><bpmn:timerEventDefinition />"
                    + "</bpmn:intermediateCatchEvent>"
                    + "<bpmn:sequenceFlow id=\"f_pause\" sourceRef=\"pause\" targetRef=\"results\" />");
    assertThat(violations(afterWait))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("results");
              assertThat(v.message()).contains("\"Delivered?\"").contains("follows directly");
            });
  }

  @Test
  void shouldRefuseAResultWaitLongerThanTheSmsFeedbackWindowOrThirtyDays() {
    String fourDays = result().replace(property("amount", "1"), property("amount", "4"));
    assertThat(violations(fourDays))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("results");
              assertThat(v.message()).contains("at most 3 days").contains("not 4 days");
            });
    String threeDays = result().replace(property("amount", "1"), property("amount", "3"));
    validator.validate(threeDays.getBytes(StandardCharsets.UTF_8));
    String fiveWeeks =
        result()
            .replace(property("amount", "1"), property("amount", "5"))
            .replace(property("unit", "DAYS"), property("unit", "WEEKS"));
    assertThat(violations(fiveWeeks))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("30 days"));
  }

  @Test
  void shouldRefuseMislabelledAndDuplicatedOutcomes() {
    String duplicated =
        result().replace(property("outcome", "OTHER"), property("outcome", "SUCCESS"));
    assertThat(violations(duplicated))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("f_other");
              assertThat(v.message()).contains("SUCCESS already");
            });
    String unknown = result().replace(property("outcome", "FAILURE"), property("outcome", "LOST"));
    assertThat(violations(unknown))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("f_fail");
              assertThat(v.message()).contains("SUCCESS, FAILURE, OTHER");
            });
  }

  @Test
  void shouldAcceptAResultBranchWithOnlySomeOutcomes() {
    String onlyFailure =
        result()
            .replaceAll("(?s)<bpmn:sequenceFlow id=\"f_ok\".*?</bpmn:sequenceFlow>", "")
            .replaceAll("(?s)<bpmn:sequenceFlow id=\"f_other\".*?</bpmn:sequenceFlow>", "")
            .replaceAll("(?s)<bpmn:serviceTask id=\"ok_mail\".*?</bpmn:serviceTask>", "")
            .replaceAll("(?s)<bpmn:serviceTask id=\"other_mail\".*?</bpmn:serviceTask>", "");
    validator.validate(onlyFailure.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldRefuseEveryBranchWithoutTheCatalogue() {
    JourneyValidator blind =
        new JourneyValidator(
            id -> Optional.of("user"),
            (channel, connectorId, props) -> List.of(),
            Clock.fixed(NOW, ZoneOffset.UTC));
    try {
      blind.validate(behaviour().getBytes(StandardCharsets.UTF_8));
      throw new AssertionError("accepted without an event catalogue");
    } catch (InvalidInputException e) {
      assertThat(e.violations()).extracting(Violation::field).containsExactly("bought");
    }
  }
}
