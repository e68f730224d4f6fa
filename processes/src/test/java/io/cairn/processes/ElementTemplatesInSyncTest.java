package io.cairn.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.connectors.ads.AdPlatform;
import io.cairn.connectors.ads.GoogleAdsAudienceSettings;
import io.cairn.connectors.ads.MetaAudienceSettings;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.coupon.CouponSettings;
import io.cairn.connectors.email.EmailSettings;
import io.cairn.connectors.kafka.KafkaSettings;
import io.cairn.connectors.push.PushSettings;
import io.cairn.connectors.sms.SmsSettings;
import io.cairn.connectors.webhook.WebhookSettings;
import io.cairn.engine.journey.EntryFrequency;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The element templates say exactly what the runtime reads: each action template's inputs are the
 * components of its connector's settings record, dropdowns offer exactly the enum's constants, and
 * the hidden delegate expression is the constant the server accepts for that template id.
 */
class ElementTemplatesInSyncTest {

  /**
   * An action template, the settings record its inputs bind to, and its fixed delegate. {@code
   * offered}: enum components whose dropdown offers only the constants the connector takes (an ad
   * platform matches on some identity types only), by component name.
   */
  record Action(
      String templateId,
      Class<? extends Record> settings,
      String delegateExpression,
      Map<String, Set<? extends Enum<?>>> offered) {

    Action(String templateId, Class<? extends Record> settings, String delegateExpression) {
      this(templateId, settings, delegateExpression, Map.of());
    }

    @Override
    public String toString() {
      return templateId;
    }
  }

  static Stream<Action> actions() {
    return Stream.of(
        new Action("io.cairn.sendSms", SmsSettings.class, "${cairnSendSms}"),
        new Action("io.cairn.sendEmail", EmailSettings.class, "${cairnSendEmail}"),
        new Action("io.cairn.sendPush", PushSettings.class, "${cairnSendPush}"),
        new Action("io.cairn.callWebhook", WebhookSettings.class, "${cairnCallWebhook}"),
        new Action("io.cairn.issueCoupon", CouponSettings.class, "${cairnIssueCoupon}"),
        new Action("io.cairn.pushKafka", KafkaSettings.class, "${cairnPushKafka}"),
        new Action(
            "io.cairn.pushGoogleAdsAudience",
            GoogleAdsAudienceSettings.class,
            "${cairnPushGoogleAdsAudience}",
            Map.of("idType", AdPlatform.GOOGLE_ADS.acceptedIds())),
        new Action(
            "io.cairn.pushMetaAudience",
            MetaAudienceSettings.class,
            "${cairnPushMetaAudience}",
            Map.of("idType", AdPlatform.META.acceptedIds())));
  }

  private static final Set<String> DOCUMENTED_IDS =
      Set.of(
          "io.cairn.audienceEntry",
          "io.cairn.randomSplit",
          "io.cairn.splitBranch",
          "io.cairn.wait",
          "io.cairn.behaviourBranch",
          "io.cairn.behaviourFlow",
          "io.cairn.resultBranch",
          "io.cairn.resultFlow",
          "io.cairn.sendSms",
          "io.cairn.sendEmail",
          "io.cairn.sendPush",
          "io.cairn.callWebhook",
          "io.cairn.issueCoupon",
          "io.cairn.pushKafka",
          "io.cairn.tagBranch",
          "io.cairn.tagRule",
          "io.cairn.copyBranch",
          "io.cairn.timeBranch",
          "io.cairn.timeBranchFlow",
          "io.cairn.saveAudience",
          "io.cairn.pushGoogleAdsAudience",
          "io.cairn.pushMetaAudience",
          "io.cairn.eventEntry");

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void shouldBindExactlyTheSettingsRecordComponents(Action action) {
    JsonNode template = ElementTemplates.require(action.templateId());

    List<String> inputs = bindingNames(template, "camunda:property");

    assertThat(inputs).doesNotHaveDuplicates();
    assertThat(inputs)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(action.settings().getRecordComponents())
                .map(RecordComponent::getName)
                .toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void shouldOfferExactlyTheEnumConstantsForEnumComponents(Action action) {
    JsonNode template = ElementTemplates.require(action.templateId());
    List<RecordComponent> enums =
        Arrays.stream(action.settings().getRecordComponents())
            .filter(c -> c.getType().isEnum())
            .toList();
    // Message actions choose a policy for empty values; coupon, Kafka and ad actions an identity
    // type.
    assertThat(enums)
        .extracting(RecordComponent::getType)
        .containsAnyOf(EmptyValuePolicy.class, IdType.class);

    for (RecordComponent component : enums) {
      JsonNode dropdown = boundProperty(template, component.getName());
      Set<String> constants =
          action.offered().containsKey(component.getName())
              ? action.offered().get(component.getName()).stream()
                  .map(Enum::name)
                  .collect(Collectors.toSet())
              : Arrays.stream(component.getType().getEnumConstants())
                  .map(c -> ((Enum<?>) c).name())
                  .collect(Collectors.toSet());
      List<String> choices = new ArrayList<>();
      dropdown.path("choices").forEach(c -> choices.add(c.path("value").asText()));

      assertThat(dropdown.path("type").asText()).as(component.getName()).isEqualTo("Dropdown");
      assertThat(choices).as(component.getName()).containsExactlyInAnyOrderElementsOf(constants);
      assertThat(constants)
          .as(component.getName() + " default")
          .contains(dropdown.path("value").asText());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void shouldBindTheDocumentedDelegateExpressionAsAHiddenConstant(Action action) {
    JsonNode template = ElementTemplates.require(action.templateId());

    List<JsonNode> attributes = ElementTemplates.propertiesBoundAs(template, "property");

    assertThat(template.path("appliesTo").toString()).isEqualTo("[\"bpmn:ServiceTask\"]");
    assertThat(attributes).hasSize(1);
    JsonNode delegate = attributes.get(0);
    assertThat(delegate.path("binding").path("name").asText())
        .isEqualTo("camunda:delegateExpression");
    assertThat(delegate.path("type").asText()).isEqualTo("Hidden");
    assertThat(delegate.path("value").asText()).isEqualTo(action.delegateExpression());
  }

  /** What {@code AudienceEntry} (engine, journey internals) reads from the audience entry. */
  private static final List<String> AUDIENCE_ENTRY_PROPERTIES =
      List.of(
          "segmentId",
          "schedule",
          "startAt",
          "time",
          "weekday",
          "dayOfMonth",
          "startDate",
          "intervalDays",
          "timeZone",
          "endAt",
          "idsEncrypted");

  @Test
  void shouldOfferEveryEntryFrequencyAndWeekdayAndBindWhatTheAudienceEntryReads() {
    JsonNode template = ElementTemplates.require("io.cairn.audienceEntry");

    assertThat(bindingNames(template, "camunda:property"))
        .containsExactlyElementsOf(AUDIENCE_ENTRY_PROPERTIES);
    List<String> schedules = new ArrayList<>();
    boundProperty(template, "schedule")
        .path("choices")
        .forEach(c -> schedules.add(c.path("value").asText()));
    assertThat(schedules)
        .containsExactlyElementsOf(
            Arrays.stream(EntryFrequency.values()).map(EntryFrequency::code).toList());
    assertThat(boundProperty(template, "schedule").path("value").asText())
        .isEqualTo(EntryFrequency.ONCE.code());
    List<String> weekdays = new ArrayList<>();
    boundProperty(template, "weekday")
        .path("choices")
        .forEach(c -> weekdays.add(c.path("value").asText()));
    assertThat(weekdays.subList(1, weekdays.size()))
        .containsExactlyElementsOf(
            Arrays.stream(java.time.DayOfWeek.values()).map(Enum::name).toList());
  }

  @Test
  void shouldBindSaveAsAudienceToItsHiddenDelegateAndTheInputsTheServerReads() {
    JsonNode template = ElementTemplates.require("io.cairn.saveAudience");

    List<JsonNode> attributes = ElementTemplates.propertiesBoundAs(template, "property");

    assertThat(attributes).hasSize(1);
    assertThat(attributes.get(0).path("type").asText()).isEqualTo("Hidden");
    assertThat(attributes.get(0).path("value").asText()).isEqualTo("${cairnSaveAudience}");
    // AudienceSpec in the engine reads exactly these
    assertThat(bindingNames(template, "camunda:property"))
        .containsExactlyInAnyOrder("name", "remark", "groupId", "visibility");
  }

  @Test
  void shouldKeepBranchFlowInputsAsTheServerReadsThem() {
    // TagBranchBehavior reads "rule"; TimeBranchCompiler reads "at" and "timeZone"
    assertThat(bindingNames(ElementTemplates.require("io.cairn.tagRule"), "camunda:property"))
        .containsExactly("rule");
    assertThat(
            bindingNames(ElementTemplates.require("io.cairn.timeBranchFlow"), "camunda:property"))
        .containsExactlyInAnyOrder("at", "timeZone");
  }

  @Test
  void shouldKeepConfigurationInExtensionPropertiesOnly() {
    // Input parameters, fields, listeners etc. are evaluated by the engine; properties are not.
    for (JsonNode template : ElementTemplates.all()) {
      String id = template.path("id").asText();
      for (JsonNode property : template.path("properties")) {
        JsonNode binding = property.path("binding");
        String type = binding.path("type").asText();
        if (type.equals("property")) {
          assertThat(binding.path("name").asText())
              .as(id + ": the only attribute a template sets")
              .isEqualTo("camunda:delegateExpression");
        } else {
          assertThat(type).as(id + " " + binding).isEqualTo("camunda:property");
        }
      }
      assertThat(template.has("scopes")).as(id + " scopes").isFalse();
      assertThat(template.path("entriesVisible").asBoolean(false)).as(id).isFalse();
    }
  }

  @Test
  void shouldHaveUniqueVersionedTemplateIdsAsDocumented() {
    Set<String> ids = new HashSet<>();
    for (JsonNode template : ElementTemplates.all()) {
      String id = template.path("id").asText();
      assertThat(ids.add(id)).as("duplicate id " + id).isTrue();
      assertThat(template.path("version").isInt()).as(id + " version").isTrue();
      assertThat(template.path("version").asInt()).as(id + " version").isPositive();
    }
    assertThat(ids).isEqualTo(DOCUMENTED_IDS);
  }

  private static List<String> bindingNames(JsonNode template, String bindingType) {
    return ElementTemplates.propertiesBoundAs(template, bindingType).stream()
        .map(p -> p.path("binding").path("name").asText())
        .toList();
  }

  private static JsonNode boundProperty(JsonNode template, String name) {
    return ElementTemplates.propertiesBoundAs(template, "camunda:property").stream()
        .filter(p -> p.path("binding").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(template.path("id") + " has no input " + name));
  }
}
