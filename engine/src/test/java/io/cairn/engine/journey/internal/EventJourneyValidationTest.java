package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.engine.event.AttributeType;
import io.cairn.engine.event.EventAttribute;
import io.cairn.engine.event.EventType;
import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Event journeys are validated like audience journeys: every problem named by element id. */
class EventJourneyValidationTest {

  private static final Map<String, EventType> TYPES =
      Map.of(
          "add_to_cart", type("add_to_cart"),
          "purchase", type("purchase"));

  private final JourneyValidator validator =
      new JourneyValidator(
          JourneyValidator.Context.of(
                  id -> Optional.empty(),
                  (channel, connectorId, props) -> List.of(),
                  Clock.fixed(Instant.parse("2030-01-01T09:00:00Z"), ZoneOffset.UTC))
              .withEvents(
                  new EventModeChecks.EventCatalog() {
                    @Override
                    public Optional<EventType> type(String code) {
                      return Optional.ofNullable(TYPES.get(code));
                    }

                    @Override
                    public boolean sourceExists(String code) {
                      return code.equals("shop") || code.equals("web");
                    }
                  }));

  private static EventType type(String code) {
    return new EventType(
        code,
        code,
        null,
        List.of(
            new EventAttribute("sku", "SKU", AttributeType.TEXT),
            new EventAttribute("amount", "Amount", AttributeType.NUMBER)),
        Instant.EPOCH);
  }

  /** Entry → behaviour branch → DID: end, DID_NOT: extra → SMS. */
  private static String journey(String entryProps, String branchProps, String extra) {
    return """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="cart" isExecutable="true" camunda:historyTimeToLive="30">
            <bpmn:startEvent id="entry" name="Cart" camunda:modelerTemplate="io.cairn.eventEntry">
              <bpmn:extensionElements><camunda:properties>%s</camunda:properties></bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="entry" targetRef="bought" />
            <bpmn:exclusiveGateway id="bought" name="Bought?" camunda:modelerTemplate="io.cairn.behaviourBranch">
              <bpmn:extensionElements><camunda:properties>%s</camunda:properties></bpmn:extensionElements>
            </bpmn:exclusiveGateway>
            <bpmn:sequenceFlow id="did" sourceRef="bought" targetRef="end" camunda:modelerTemplate="io.cairn.behaviourFlow">
              <bpmn:extensionElements><camunda:properties><camunda:property name="branch" value="DID" /></camunda:properties></bpmn:extensionElements>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="did_not" sourceRef="bought" targetRef="NEXT" camunda:modelerTemplate="io.cairn.behaviourFlow">
              <bpmn:extensionElements><camunda:properties><camunda:property name="branch" value="DID_NOT" /></camunda:properties></bpmn:extensionElements>
            </bpmn:sequenceFlow>
            %s
            <bpmn:serviceTask id="sms" name="Nudge" camunda:modelerTemplate="io.cairn.sendSms" camunda:delegateExpression="${cairnSendSms}">
              <bpmn:extensionElements><camunda:properties><camunda:property name="template" value="Hi" /></camunda:properties></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:endEvent id="end" name="Done" />
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(entryProps, branchProps, extra)
        .replace("NEXT", extra.isEmpty() ? "sms" : "extra");
  }

  private static String props(String... pairs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.append("<camunda:property name=\"").append(pairs[i]).append("\" value=\"")
          .append(pairs[i + 1].replace("\"", "&quot;")).append("\" />");
    }
    return b.toString();
  }

  private static final String ENTRY = props("eventSourceCode", "shop", "eventCode", "add_to_cart");
  private static final String BRANCH =
      props("eventSourceCode", "shop", "eventCode", "purchase", "windowAmount", "1", "windowUnit", "HOURS");

  private List<Violation> violations(String xml) {
    try {
      validator.validate(xml.getBytes(StandardCharsets.UTF_8));
    } catch (InvalidInputException e) {
      return e.violations();
    }
    throw new AssertionError("expected the journey to be refused");
  }

  @Test
  void shouldAcceptAnEventJourneyAsEventMode() {
    JourneyValidator.ValidatedJourney j =
        validator.validate(journey(ENTRY, BRANCH, "").getBytes(StandardCharsets.UTF_8));
    assertThat(j.mode()).isEqualTo(JourneyMode.EVENT);
    assertThat(j.entityType()).isEqualTo("user");
    assertThat(j.segmentId()).isNull();
  }

  @Test
  void shouldRefuseReentryLimitsBeyondSevenDaysAndTenTimes() {
    String entry = ENTRY + props("reentry", "LIMITED", "reentryDays", "8", "reentryTimes", "11");
    assertThat(violations(journey(entry, BRANCH, "")))
        .extracting(Violation::field, v -> v.message().contains("reentryDays") || v.message().contains("reentryTimes"))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("entry", true),
            org.assertj.core.groups.Tuple.tuple("entry", true));
  }

  @Test
  void shouldAcceptTheLargestReentryLimits() {
    String entry = ENTRY + props("reentry", "LIMITED", "reentryDays", "7", "reentryTimes", "10");
    validator.validate(journey(entry, BRANCH, "").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldRefuseABehaviourWindowLongerThanADayOrInDays() {
    String hours25 = props("eventSourceCode", "shop", "eventCode", "purchase", "windowAmount", "25", "windowUnit", "HOURS");
    String days = props("eventSourceCode", "shop", "eventCode", "purchase", "windowAmount", "1", "windowUnit", "DAYS");
    assertThat(violations(journey(ENTRY, hours25, "")))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.field()).isEqualTo("bought");
          assertThat(v.message()).contains("\"Bought?\"").contains("1 day");
        });
    assertThat(violations(journey(ENTRY, days, ""))).extracting(Violation::field).containsExactly("bought");
    String oneDay = props("eventSourceCode", "shop", "eventCode", "purchase", "windowAmount", "1440", "windowUnit", "MINUTES");
    validator.validate(journey(ENTRY, oneDay, "").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldRefuseUnknownEventsSourcesAndAttributes() {
    String entry = props("eventSourceCode", "nowhere", "eventCode", "teleport");
    String branch =
        props("eventSourceCode", "shop", "eventCode", "purchase", "windowAmount", "1", "windowUnit", "HOURS",
            "conditions", "[{\"attr\":\"colour\",\"op\":\"in\",\"values\":[\"red\"]}]");
    List<Violation> v = violations(journey(entry, branch, ""));
    assertThat(v).filteredOn(x -> x.field().equals("entry")).extracting(Violation::message)
        .anySatisfy(m -> assertThat(m).contains("event source 'nowhere' does not exist"))
        .anySatisfy(m -> assertThat(m).contains("event 'teleport' is not defined"));
    assertThat(v).filteredOn(x -> x.field().equals("bought")).extracting(Violation::message)
        .anySatisfy(m -> assertThat(m).contains("no attribute 'colour'"));
  }

  @Test
  void shouldRefuseABranchEventFromAnotherSource() {
    String branch = props("eventSourceCode", "web", "eventCode", "purchase", "windowAmount", "1", "windowUnit", "HOURS");
    assertThat(violations(journey(ENTRY, branch, "")))
        .singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("bought"));
  }

  @Test
  void shouldRefuseComponentsThatNeedAnAudienceNamingThem() {
    String kafka =
        "<bpmn:serviceTask id=\"extra\" name=\"To Kafka\" camunda:modelerTemplate=\"io.cairn.pushKafka\""
            + " camunda:delegateExpression=\"${cairnPushKafka}\"><bpmn:extensionElements><camunda:properties>"
            + props("cluster", "c", "topic", "t", "idType", "MOBILE")
            + "</camunda:properties></bpmn:extensionElements></bpmn:serviceTask>"
            + "<bpmn:sequenceFlow id=\"f9\" sourceRef=\"extra\" targetRef=\"sms\" />";
    assertThat(violations(journey(ENTRY, BRANCH, kafka)))
        .anySatisfy(v -> {
          assertThat(v.field()).isEqualTo("extra");
          assertThat(v.message()).contains("not available in event-triggered journeys");
        });
  }

  @Test
  void shouldRefuseBadConditionOperatorsAndCounts() {
    String entry = ENTRY + props("conditions", "[{\"attr\":\"sku\",\"op\":\"gt\",\"values\":[3]}]", "atLeast", "0");
    assertThat(violations(journey(entry, BRANCH, "")))
        .extracting(Violation::field)
        .containsOnly("entry")
        .hasSize(2);
  }

  @Test
  void shouldRefuseBranchesThatAreNotOneDidAndOneDidNot() {
    String xml = journey(ENTRY, BRANCH, "").replace("value=\"DID_NOT\"", "value=\"DID\"");
    assertThat(violations(xml)).extracting(Violation::field).contains("did_not");
  }

  @Test
  void shouldRefuseUploadedMessageDefinitions() {
    String xml = journey(ENTRY, BRANCH, "")
        .replace("<bpmn:process", "<bpmn:message id=\"m\" name=\"${evil}\" /><bpmn:process");
    assertThat(violations(xml)).extracting(Violation::field).contains("m");
  }

  @Test
  void shouldMatchConditionsJoinedByAndOrOr() {
    List<String> problems = new java.util.ArrayList<>();
    Map<String, String> p = new java.util.HashMap<>(Map.of(
        "eventSourceCode", "shop", "eventCode", "purchase",
        "conditions", "[{\"attr\":\"sku\",\"op\":\"in\",\"values\":[\"A\"]},{\"attr\":\"amount\",\"op\":\"gte\",\"values\":[100]}]"));
    EventFilter and = EventFilter.parse(p, c -> Optional.ofNullable(TYPES.get(c)), s -> true, problems);
    p.put("conditionJoin", "OR");
    EventFilter or = EventFilter.parse(p, c -> Optional.ofNullable(TYPES.get(c)), s -> true, problems);
    assertThat(problems).isEmpty();
    String skuA = io.cairn.engine.event.StoredAttributes.encode(
        List.of(new io.cairn.engine.event.StoredAttributes.Value("sku", "A", null),
            new io.cairn.engine.event.StoredAttributes.Value("amount", "50", 50.0)));
    assertThat(and.matches("shop", "purchase", skuA)).isFalse();
    assertThat(or.matches("shop", "purchase", skuA)).isTrue();
    assertThat(or.matches("web", "purchase", skuA)).as("other source").isFalse();
    assertThat(or.matches("shop", "purchase", null)).as("missing attributes").isFalse();
  }

  @Test
  void shouldSendOneUserDownTheFlowItsCohortPartitionWouldTake() {
    double[] pct = {60, 40};
    org.roaringbitmap.RoaringBitmap all = org.roaringbitmap.RoaringBitmap.bitmapOfRange(0, 5_000);
    org.roaringbitmap.RoaringBitmap[] parts = RandomSplit.partition(all, pct, "k/split");
    for (int e = 0; e < 5_000; e++) {
      assertThat(parts[RandomSplit.choose(e, pct, "k/split")].contains(e)).isTrue();
    }
  }
}
