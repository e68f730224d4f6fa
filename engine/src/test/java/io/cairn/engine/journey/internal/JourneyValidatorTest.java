package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JourneyValidatorTest {

  private static final Instant NOW = Instant.parse("2030-01-01T09:00:00Z");

  private final JourneyValidator validator =
      new JourneyValidator(
          id -> id == 7 ? Optional.of("user") : Optional.empty(),
          (channel, connectorId, props) ->
              props.containsKey("bogus") ? List.of("unknown property bogus") : List.of(),
          Clock.fixed(NOW, ZoneOffset.UTC));

  private static String sample() {
    try {
      return new String(
              JourneyValidatorTest.class
                  .getResourceAsStream("/journeys/split-sms-email.bpmn")
                  .readAllBytes(),
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
      assertThat(e.type()).isEqualTo("invalid-bpmn");
      return e.violations();
    }
    throw new AssertionError("expected the journey to be refused");
  }

  @Test
  void shouldAcceptTheSampleJourney() {
    JourneyValidator.ValidatedJourney j =
        validator.validate(sample().getBytes(StandardCharsets.UTF_8));
    assertThat(j.processKey()).isEqualTo("split_sms_email");
    assertThat(j.segmentId()).isEqualTo(7L);
    assertThat(j.entityType()).isEqualTo("user");
  }

  @Test
  void shouldReportEveryBadScheduleValueWithTheEntrysIdAndName() {
    String xml =
        sample()
            .replace(
                "<camunda:property name=\"schedule\" value=\"once\" />",
                "<camunda:property name=\"schedule\" value=\"weekly\" />"
                    + "<camunda:property name=\"time\" value=\"9am\" />"
                    + "<camunda:property name=\"timeZone\" value=\"Berlin\" />"
                    + "<camunda:property name=\"idsEncrypted\" value=\"true\" />");

    List<Violation> violations = violations(xml);

    assertThat(violations).extracting(Violation::field).containsOnly("entry");
    assertThat(violations)
        .extracting(Violation::message)
        .containsExactlyInAnyOrder(
            "\"VIP users\": time \"9am\" is not HH:mm (24-hour), e.g. 09:30",
            "\"VIP users\": weekday is not configured (MONDAY … SUNDAY)",
            "\"VIP users\": timeZone \"Berlin\" is not a time zone such as Europe/Berlin",
            "\"VIP users\": ids are AES-encrypted, but no organisation key is configured"
                + " (cairn.journeys.audience-key)");
  }

  @Test
  void shouldAcceptAPeriodicEntryInTheDefaultZone() {
    JourneyValidator berlin =
        new JourneyValidator(
            JourneyValidator.Context.of(
                    id -> Optional.of("user"),
                    (channel, connectorId, props) -> List.of(),
                    Clock.fixed(NOW, ZoneOffset.UTC))
                .withSchedules(java.time.ZoneId.of("Europe/Berlin"), true));
    String xml =
        sample()
            .replace(
                "<camunda:property name=\"schedule\" value=\"once\" />",
                "<camunda:property name=\"schedule\" value=\"daily\" />"
                    + "<camunda:property name=\"time\" value=\"09:30\" />"
                    + "<camunda:property name=\"idsEncrypted\" value=\"true\" />");

    JourneyValidator.ValidatedJourney j = berlin.validate(xml.getBytes(StandardCharsets.UTF_8));

    assertThat(j.entry().spec())
        .isEqualTo("schedule=daily;time=09:30;timeZone=Europe/Berlin;idsEncrypted=true");
  }

  @Test
  void shouldRefuseExternalEntities() {
    String xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
            + sample().substring(sample().indexOf("<bpmn:definitions"));
    assertThat(violations(xxe))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("DOCTYPE"));
  }

  @Test
  void shouldRefuseScriptTasksNamingTheElement() {
    String xml =
        sample()
            .replace(
                "<bpmn:endEvent id=\"end_sms\" name=\"SMS sent\" />",
                "<bpmn:scriptTask id=\"evil\" scriptFormat=\"groovy\"><bpmn:script>"
                    + "'rm -rf /'.execute()</bpmn:script></bpmn:scriptTask>"
                    + "<bpmn:endEvent id=\"end_sms\" name=\"SMS sent\" />");
    assertThat(violations(xml)).extracting(Violation::field).contains("evil");
  }

  @Test
  void shouldRefuseForeignDelegateExpressions() {
    String xml = sample().replace("${cairnSendSms}", "${runtime.exec('id')}");
    assertThat(violations(xml))
        .anySatisfy(
            v -> {
              assertThat(v.field()).isEqualTo("sms");
              assertThat(v.message()).contains("delegateExpression");
            });
  }

  @Test
  void shouldRefuseListenersAndClasses() {
    String xml =
        sample()
            .replace(
                "<bpmn:endEvent id=\"end_email\" name=\"Email sent\" />",
                "<bpmn:endEvent id=\"end_email\" name=\"Email sent\"><bpmn:extensionElements>"
                    + "<camunda:executionListener class=\"java.lang.Runtime\" event=\"start\" />"
                    + "</bpmn:extensionElements></bpmn:endEvent>");
    assertThat(violations(xml)).extracting(Violation::field).contains("end_email");
  }

  @Test
  void shouldRefuseABranchThatEndsInNothing() {
    String xml =
        sample()
            .replace(
                "<bpmn:sequenceFlow id=\"f_entry\" sourceRef=\"entry\" targetRef=\"split\" />", "")
            .replace(
                "<bpmn:exclusiveGateway id=\"split\"",
                "<bpmn:sequenceFlow id=\"f_entry\" sourceRef=\"entry\" targetRef=\"gw2\" />"
                    + "<bpmn:exclusiveGateway id=\"gw2\" name=\"Dead end\""
                    + " camunda:modelerTemplate=\"io.cairn.randomSplit\" />"
                    + "<bpmn:exclusiveGateway id=\"split\"");
    List<Violation> v = violations(xml);
    assertThat(v).extracting(Violation::field).contains("gw2", "split");
  }

  @Test
  void shouldRefusePercentagesThatDoNotSumTo100() {
    String xml = sample().replace("value=\"40\"", "value=\"30\"");
    assertThat(violations(xml))
        .anySatisfy(v -> assertThat(v.message()).contains("sum to 90"));
  }

  @Test
  void shouldRefuseAMissingSegment() {
    String xml = sample().replace("name=\"segmentId\" value=\"7\"", "name=\"segmentId\" value=\"99\"");
    assertThat(violations(xml))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("entry");
              assertThat(v.message()).contains("segment 99 does not exist");
            });
  }

  @Test
  void shouldListUnconfiguredActionsByIdAndName() {
    String xml = sample().replace("<camunda:property name=\"template\" value=\"Hi ${first_name}, offer in ${city}\" />", "");
    assertThat(violations(xml))
        .anySatisfy(
            v -> {
              assertThat(v.field()).isEqualTo("sms");
              assertThat(v.message()).contains("\"Offer SMS\"").contains("template");
            });
  }

  @Test
  void shouldReportSettingsTheConnectorRejects() {
    String xml =
        sample().replace(
            "<camunda:property name=\"signature\" value=\"Cairn\" />",
            "<camunda:property name=\"bogus\" value=\"x\" />");
    assertThat(violations(xml)).anySatisfy(v -> assertThat(v.message()).contains("bogus"));
  }

  @Test
  void shouldRefuseUnknownElementsAndNonBpmnFiles() {
    String xml =
        sample().replace(
            "<bpmn:endEvent id=\"end_sms\" name=\"SMS sent\" />",
            "<bpmn:userTask id=\"approve\" /><bpmn:endEvent id=\"end_sms\" name=\"SMS sent\" />");
    assertThat(violations(xml)).extracting(Violation::field).contains("approve");
    assertThatThrownBy(() -> validator.validate("not xml".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidInputException.class);
  }

  /** The sample with a wait between the split and the SMS node. */
  private static String withWait(String properties, String definition) {
    return sample()
        .replace(
            "sourceRef=\"split\" targetRef=\"sms\"", "sourceRef=\"split\" targetRef=\"wait\"")
        .replace(
            "<bpmn:serviceTask id=\"sms\"",
            "<bpmn:intermediateCatchEvent id=\"wait\" name=\"Two days later\""
                + " camunda:modelerTemplate=\"io.cairn.wait\"><bpmn:extensionElements>"
                + "<camunda:properties>" + properties + "</camunda:properties>"
                + "</bpmn:extensionElements>" + definition + "</bpmn:intermediateCatchEvent>"
                + "<bpmn:sequenceFlow id=\"f_wait\" sourceRef=\"wait\" targetRef=\"sms\" />"
                + "<bpmn:serviceTask id=\"sms\"");
  }

  private static String prop(String name, String value) {
    return "<camunda:property name=\"" + name + "\" value=\"" + value + "\" />";
  }

  @Test
  void shouldAcceptWaitsForADurationOrUntilATimeWithin30Days() {
    for (String props :
        List.of(
            prop("amount", "2") + prop("unit", "DAYS"),
            prop("amount", "30") + prop("unit", "DAYS"),
            prop("amount", "4") + prop("unit", "WEEKS"),
            prop("amount", "90") + prop("unit", "MINUTES"),
            prop("waitType", "UNTIL") + prop("until", "2030-01-20T09:00")
                + prop("timeZone", "Asia/Shanghai"))) {
      byte[] xml = withWait(props, "<bpmn:timerEventDefinition />").getBytes(StandardCharsets.UTF_8);
      assertThat(validator.validate(xml).processKey()).as(props).isEqualTo("split_sms_email");
    }
  }

  @Test
  void shouldRefuseWaitsOverTheLimitOrMisconfiguredNamingTheElement() {
    for (String props :
        List.of(
            prop("amount", "31") + prop("unit", "DAYS"),
            prop("amount", "5") + prop("unit", "WEEKS"),
            prop("amount", "0") + prop("unit", "HOURS"),
            prop("amount", "two") + prop("unit", "DAYS"),
            prop("amount", "2") + prop("unit", "MONTHS"),
            prop("amount", "2"),
            prop("waitType", "UNTIL") + prop("until", "2029-12-31T09:00"),
            prop("waitType", "UNTIL") + prop("until", "2030-03-01T09:00"),
            prop("waitType", "UNTIL") + prop("until", "tomorrow"),
            prop("waitType", "UNTIL") + prop("until", "2030-01-02T09:00")
                + prop("timeZone", "Mars/Olympus"),
            prop("waitType", "SOMETIME"))) {
      assertThat(violations(withWait(props, "")))
          .as(props)
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.field()).isEqualTo("wait");
                assertThat(v.message()).startsWith("\"Two days later\": ");
              });
    }
  }

  @Test
  void shouldRefuseTimerExpressionsWrittenIntoTheFile() {
    String props = prop("amount", "2") + prop("unit", "DAYS");
    String expression =
        "<bpmn:timerEventDefinition><bpmn:timeDuration>${bean.call()}</bpmn:timeDuration>"
            + "</bpmn:timerEventDefinition>";
    assertThat(violations(withWait(props, expression)))
        .anySatisfy(
            v -> {
              assertThat(v.field()).isEqualTo("wait");
              assertThat(v.message()).contains("timer expressions are not allowed");
            });
    assertThat(violations(withWait(props, "<bpmn:messageEventDefinition />")))
        .extracting(Violation::field)
        .containsExactly("wait");
  }

  @Test
  void shouldRefuseAWaitThatLeadsNowhere() {
    String xml =
        withWait(prop("amount", "2") + prop("unit", "DAYS"), "")
            .replace("<bpmn:sequenceFlow id=\"f_wait\" sourceRef=\"wait\" targetRef=\"sms\" />", "");
    assertThat(violations(xml)).extracting(Violation::field).contains("wait", "sms");
  }
}
