package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The validator's checks of the tag, copy and time branches and of "save as audience". */
class BranchValidationTest {

  private static final Instant NOW = Instant.parse("2030-01-01T09:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Knows the tags br_tier and br_score, their operators, and the segment folder 3. */
  private static final ComponentLookups LOOKUPS =
      new ComponentLookups() {
        @Override
        public List<String> ruleProblems(String entityType, String rule) {
          JsonNode json;
          try {
            json = JSON.readTree(rule);
          } catch (IOException e) {
            return List.of("is not JSON");
          }
          List<String> problems = new ArrayList<>();
          JsonNode c = json.path("groups").path(0).path("conditions").path(0);
          if (!List.of("br_tier", "br_score").contains(c.path("tag").asText())) {
            problems.add("groups[0].conditions[0].tag: unknown tag " + c.path("tag").asText());
          }
          if (!List.of("in", "gte").contains(c.path("op").asText())) {
            problems.add("groups[0].conditions[0].op: not an operator of the tag's type");
          }
          return problems;
        }

        @Override
        public boolean segmentGroupExists(long groupId) {
          return groupId == 3;
        }
      };

  private final JourneyValidator validator =
      new JourneyValidator(
          JourneyValidator.Context.of(
                  id -> id == 7 ? Optional.of("user") : Optional.empty(),
                  (channel, connectorId, props) -> List.of(),
                  Clock.fixed(NOW, ZoneOffset.UTC))
              .withLookups(LOOKUPS));

  static String journey(String file) {
    try {
      return new String(
              BranchValidationTest.class.getResourceAsStream("/journeys/" + file).readAllBytes(),
              StandardCharsets.UTF_8)
          .replace("SEGMENT_ID", "7")
          .replace("AT_MORNING", "2030-01-02T09:00")
          .replace("AT_EVENING", "2030-01-03T17:00")
          .replace("AUDIENCE_NAME", "Group A")
          .replace("GROUP_ID", "3");
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

  private void accepts(String xml) {
    assertThat(validator.validate(xml.getBytes(StandardCharsets.UTF_8)).mode())
        .isEqualTo(JourneyMode.AUDIENCE);
  }

  /** Exactly one violation, on {@code field}, whose message contains {@code text}. */
  private void refusesOnly(String xml, String field, String text) {
    assertThat(violations(xml))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo(field);
              assertThat(v.message()).contains(text);
            });
  }

  private static String prop(String name, String value) {
    return "<camunda:property name=\"" + name + "\" value=\"" + value + "\" />";
  }

  // --- tag branch

  @Test
  void shouldAcceptATagBranchWithRulesAndADefaultFlow() {
    accepts(journey("tag-branch.bpmn"));
  }

  @Test
  void shouldRefuseAnUnknownTagOrOperatorNamingTheFlow() {
    String xml = journey("tag-branch.bpmn").replace("br_score", "nope");
    refusesOnly(xml, "r_score", "unknown tag nope");
    assertThat(violations(xml).get(0).message()).startsWith("branch \"High score\": rule ");
    refusesOnly(
        journey("tag-branch.bpmn").replace("&quot;gte&quot;", "&quot;like&quot;"),
        "r_score",
        "not an operator");
    refusesOnly(
        journey("tag-branch.bpmn").replace("{&quot;groups&quot;:[{&quot;conditions&quot;:[{&quot;tag&quot;:&quot;br_tier&quot;,&quot;op&quot;:&quot;in&quot;,&quot;values&quot;:[&quot;silver&quot;]}]}]}", "{not json"),
        "r_silver",
        "is not JSON");
  }

  @Test
  void shouldRefuseATagBranchWithoutItsDefaultFlow() {
    List<Violation> v = violations(journey("tag-branch.bpmn").replace(" default=\"r_other\"", ""));
    assertThat(v).extracting(Violation::field).containsExactlyInAnyOrder("tier", "r_other");
    assertThat(v.get(0).message()).contains("default flow");
    assertThat(
            violations(
                journey("tag-branch.bpmn").replace("default=\"r_other\"", "default=\"f_entry\"")))
        .extracting(Violation::field)
        .containsExactlyInAnyOrder("tier", "r_other");
  }

  @Test
  void shouldRefuseARuleOnTheDefaultFlowAndAFlowWithoutRule() {
    String ruleOnOther =
        journey("tag-branch.bpmn")
            .replace("default=\"r_other\"", "default=\"r_silver\"")
            .replace(
                "<bpmn:sequenceFlow id=\"r_other\" name=\"Other\" sourceRef=\"tier\" targetRef=\"sms_other\" />",
                "<bpmn:sequenceFlow id=\"r_other\" name=\"Other\" sourceRef=\"tier\" targetRef=\"sms_other\""
                    + " camunda:modelerTemplate=\"io.cairn.tagRule\"><bpmn:extensionElements>"
                    + "<camunda:properties>" + prop("rule", "{}") + "</camunda:properties>"
                    + "</bpmn:extensionElements></bpmn:sequenceFlow>");
    List<Violation> v = violations(ruleOnOther);
    assertThat(v).extracting(Violation::field).contains("r_silver");
    assertThat(v)
        .filteredOn(x -> x.field().equals("r_silver"))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("remove its rule"));

    String noRule =
        journey("tag-branch.bpmn")
            .replaceFirst("<camunda:property name=\"rule\" value=\"[^\"]*\" />", "");
    refusesOnly(noRule, "r_gold", "set its rule");
  }

  @Test
  void shouldRefuseMoreThanTenRuleBranches() {
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      extra.append("<bpmn:sequenceFlow id=\"r_extra").append(i)
          .append("\" sourceRef=\"tier\" targetRef=\"sms_other\" camunda:modelerTemplate=\"io.cairn.tagRule\">")
          .append("<bpmn:extensionElements><camunda:properties>")
          .append(prop("rule", "{&quot;groups&quot;:[{&quot;conditions&quot;:[{&quot;tag&quot;:&quot;br_tier&quot;,&quot;op&quot;:&quot;in&quot;,&quot;values&quot;:[&quot;x&quot;]}]}]}"))
          .append("</camunda:properties></bpmn:extensionElements></bpmn:sequenceFlow>");
    }
    String eleven = journey("tag-branch.bpmn").replace("</bpmn:process>", extra + "</bpmn:process>");
    refusesOnly(eleven, "tier", "1 to 10 branches with a rule");
    // ten rules (3 + 7) plus other are fine
    accepts(eleven.replaceFirst("<bpmn:sequenceFlow id=\"r_extra7\".*?</bpmn:sequenceFlow>", ""));
  }

  @Test
  void shouldRefuseRuleAndTimeFlowsLeavingOtherNodes() {
    String xml =
        journey("copy-branch.bpmn")
            .replace(
                "<bpmn:sequenceFlow id=\"c_y\" name=\"Second\" sourceRef=\"copy\" targetRef=\"sms_y\" />",
                "<bpmn:sequenceFlow id=\"c_y\" name=\"Second\" sourceRef=\"copy\" targetRef=\"sms_y\""
                    + " camunda:modelerTemplate=\"io.cairn.tagRule\" />");
    refusesOnly(xml, "c_y", "must leave a io.cairn.tagBranch");
  }

  // --- copy branch

  @Test
  void shouldAcceptACopyBranchOfTwoToTenFlows() {
    accepts(journey("copy-branch.bpmn"));
  }

  @Test
  void shouldRefuseACopyBranchWithOneOrElevenFlows() {
    String one =
        journey("copy-branch.bpmn")
            .replace(
                "<bpmn:sequenceFlow id=\"c_y\" name=\"Second\" sourceRef=\"copy\" targetRef=\"sms_y\" />",
                "<bpmn:sequenceFlow id=\"c_y\" name=\"Second\" sourceRef=\"sms_x\" targetRef=\"sms_y\" />");
    refusesOnly(one, "copy", "2 to 10 branches");
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      extra.append("<bpmn:sequenceFlow id=\"c_extra").append(i)
          .append("\" sourceRef=\"copy\" targetRef=\"sms_y\" />");
    }
    refusesOnly(
        journey("copy-branch.bpmn").replace("</bpmn:process>", extra + "</bpmn:process>"),
        "copy",
        "2 to 10 branches; it has 11");
  }

  @Test
  void shouldRefuseAParallelGatewayWithoutTemplate() {
    refusesOnly(
        journey("copy-branch.bpmn").replace(" camunda:modelerTemplate=\"io.cairn.copyBranch\"", ""),
        "copy",
        "joining branches is not a journey component");
  }

  // --- time branch

  @Test
  void shouldAcceptATimeBranchWhoseTimesLieAheadWithin30Days() {
    accepts(journey("time-branch.bpmn"));
  }

  @Test
  void shouldRefuseBadBranchTimesNamingTheFlow() {
    for (String at : List.of("2029-12-31T09:00", "2030-02-15T09:00", "tomorrow", "")) {
      String xml = journey("time-branch.bpmn").replace("2030-01-02T09:00", at);
      assertThat(violations(xml))
          .as(at)
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.field()).isEqualTo("t_morning");
                assertThat(v.message()).startsWith("branch \"Morning\": ");
              });
    }
    refusesOnly(
        journey("time-branch.bpmn").replace("Asia/Shanghai", "Mars/Olympus"),
        "t_evening",
        "timeZone");
    refusesOnly(
        journey("time-branch.bpmn").replaceFirst(" camunda:modelerTemplate=\"io.cairn.timeBranchFlow\"", ""),
        "t_morning",
        "Time branch flow template");
  }

  @Test
  void shouldRefuseMoreThanTenTimeBranches() {
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      extra.append("<bpmn:sequenceFlow id=\"t_extra").append(i)
          .append("\" sourceRef=\"times\" targetRef=\"sms_evening\" camunda:modelerTemplate=\"io.cairn.timeBranchFlow\">")
          .append("<bpmn:extensionElements><camunda:properties>")
          .append(prop("at", "2030-01-05T09:0" + i))
          .append("</camunda:properties></bpmn:extensionElements></bpmn:sequenceFlow>");
    }
    refusesOnly(
        journey("time-branch.bpmn").replace("</bpmn:process>", extra + "</bpmn:process>"),
        "times",
        "1 to 10 branches; it has 11");
  }

  @Test
  void shouldRefuseIdsReservedForTheNodesCairnInserts() {
    refusesOnly(
        journey("time-branch.bpmn").replace("\"sms_morning\"", "\"cairnAt_t_morning\""),
        "cairnAt_t_morning",
        "reserved");
  }

  // --- save as audience

  @Test
  void shouldAcceptSaveAsAudienceWithItsHiddenDelegate() {
    accepts(journey("save-audience.bpmn"));
  }

  @Test
  void shouldRefuseMisconfiguredSaveAsAudienceNamingTheNode() {
    String xml = journey("save-audience.bpmn");
    refusesOnly(xml.replace("value=\"Group A\"", "value=\"\""), "save", "1 to 128 characters");
    refusesOnly(
        xml.replace("value=\"Group A\"", "value=\"" + "x".repeat(129) + "\""),
        "save",
        "1 to 128 characters");
    refusesOnly(xml.replace("value=\"PRIVATE\"", "value=\"SHARED\""), "save", "PUBLIC or PRIVATE");
    refusesOnly(xml.replace("name=\"groupId\" value=\"3\"", "name=\"groupId\" value=\"4\""),
        "save", "segment folder 4 does not exist");
    refusesOnly(xml.replace("name=\"groupId\" value=\"3\"", "name=\"groupId\" value=\"x\""),
        "save", "numeric id");
    refusesOnly(
        xml.replace("${cairnSaveAudience}", "${cairnSendSms}"), "save", "delegateExpression");
  }

  // --- modes

  @Test
  void shouldAllowInEventModeOnlyCopyAndTagBranchesOfThese() {
    assertThat(Component.TAG_BRANCH.allowedIn(JourneyMode.EVENT)).isTrue();
    assertThat(Component.TAG_RULE.allowedIn(JourneyMode.EVENT)).isTrue();
    assertThat(Component.COPY_BRANCH.allowedIn(JourneyMode.EVENT)).isTrue();
    assertThat(Component.TIME_BRANCH.allowedIn(JourneyMode.EVENT)).isFalse();
    assertThat(Component.TIME_BRANCH_FLOW.allowedIn(JourneyMode.EVENT)).isFalse();
    assertThat(Component.SAVE_AUDIENCE.allowedIn(JourneyMode.EVENT)).isFalse();
    assertThat(Component.RANDOM_SPLIT.allowedIn(JourneyMode.EVENT)).isTrue();
    assertThat(Component.EVENT_ENTRY.allowedIn(JourneyMode.AUDIENCE)).isFalse();
    for (Component c : Component.values()) {
      assertThat(c.allowedIn(JourneyMode.AUDIENCE)).as(c.name()).isEqualTo(c != Component.EVENT_ENTRY);
    }
  }

  @Test
  void shouldRefuseComponentsTheModeDoesNotAllowNamingTheElements() {
    List<Violation> v = new ArrayList<>();
    Document time = JourneyValidator.parse(journey("time-branch.bpmn").getBytes(StandardCharsets.UTF_8));
    ComponentChecks.modes(elements(time), JourneyMode.EVENT, v);
    Document save = JourneyValidator.parse(journey("save-audience.bpmn").getBytes(StandardCharsets.UTF_8));
    ComponentChecks.modes(elements(save), JourneyMode.EVENT, v);
    assertThat(v)
        .extracting(Violation::field)
        .contains("times", "t_morning", "t_evening", "save", "entry")
        .doesNotContain("sms_morning", "wait", "end_a", "split", "to_a");
    assertThat(v)
        .filteredOn(x -> x.field().equals("save"))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("\"Save group A\"")
            .contains("not available in event-triggered journeys"));
  }

  private static List<Element> elements(Document doc) {
    List<Element> out = new ArrayList<>();
    Consumer<Element>[] walk = new Consumer[1];
    walk[0] =
        el -> {
          if (!el.getAttribute("id").isEmpty()) {
            out.add(el);
          }
          NodeList children = el.getChildNodes();
          for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element c) {
              walk[0].accept(c);
            }
          }
        };
    walk[0].accept(doc.getDocumentElement());
    return out;
  }
}
