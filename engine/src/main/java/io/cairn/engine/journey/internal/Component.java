package io.cairn.engine.journey.internal;

import io.cairn.connectors.ads.GoogleAdsAudienceConnector;
import io.cairn.connectors.ads.MetaAudienceConnector;
import io.cairn.connectors.channel.Channel;
import io.cairn.engine.journey.JourneyMode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Cairn's journey components as they appear in BPMN: the element template id that Camunda Modeler
 * writes as {@code camunda:modelerTemplate}, the BPMN element it applies to, and for actions the
 * fixed delegate expression the template binds. The server accepts exactly these and nothing else.
 */
enum Component {
  AUDIENCE_ENTRY("io.cairn.audienceEntry", "startEvent", null, null),
  /** Individual mode: a user's event starts one instance (EventEntryCompiler). */
  EVENT_ENTRY("io.cairn.eventEntry", "startEvent", null, null),
  /** Did / did not do an event within a window (BehaviourBranchCompiler, both modes). */
  BEHAVIOUR_BRANCH("io.cairn.behaviourBranch", "exclusiveGateway", null, null),
  /** An outgoing flow of a behaviour branch: {@code branch} DID or DID_NOT. */
  BEHAVIOUR_FLOW("io.cairn.behaviourFlow", "sequenceFlow", null, null),
  RANDOM_SPLIT("io.cairn.randomSplit", "exclusiveGateway", null, null),
  SPLIT_BRANCH("io.cairn.splitBranch", "sequenceFlow", null, null),
  WAIT("io.cairn.wait", "intermediateCatchEvent", null, null),
  RESULT_BRANCH("io.cairn.resultBranch", "exclusiveGateway", null, null),
  RESULT_FLOW("io.cairn.resultFlow", "sequenceFlow", null, null),
  SEND_SMS("io.cairn.sendSms", "serviceTask", "${cairnSendSms}", Channel.SMS),
  SEND_EMAIL("io.cairn.sendEmail", "serviceTask", "${cairnSendEmail}", Channel.EMAIL),
  SEND_PUSH("io.cairn.sendPush", "serviceTask", "${cairnSendPush}", Channel.PUSH),
  CALL_WEBHOOK("io.cairn.callWebhook", "serviceTask", "${cairnCallWebhook}", Channel.WEBHOOK),
  ISSUE_COUPON("io.cairn.issueCoupon", "serviceTask", "${cairnIssueCoupon}", Channel.COUPON),
  PUSH_KAFKA("io.cairn.pushKafka", "serviceTask", "${cairnPushKafka}", Channel.KAFKA),
  TAG_BRANCH("io.cairn.tagBranch", "exclusiveGateway", null, null),
  TAG_RULE("io.cairn.tagRule", "sequenceFlow", null, null),
  COPY_BRANCH("io.cairn.copyBranch", "parallelGateway", null, null),
  TIME_BRANCH("io.cairn.timeBranch", "parallelGateway", null, null),
  TIME_BRANCH_FLOW("io.cairn.timeBranchFlow", "sequenceFlow", null, null),
  SAVE_AUDIENCE("io.cairn.saveAudience", "serviceTask", "${cairnSaveAudience}", null),
  PUSH_GOOGLE_ADS_AUDIENCE(
      "io.cairn.pushGoogleAdsAudience",
      "serviceTask",
      "${cairnPushGoogleAdsAudience}",
      Channel.ADS,
      GoogleAdsAudienceConnector.ID),
  PUSH_META_AUDIENCE(
      "io.cairn.pushMetaAudience",
      "serviceTask",
      "${cairnPushMetaAudience}",
      Channel.ADS,
      MetaAudienceConnector.ID);

  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

  final String templateId;
  final String bpmnElement;
  final String delegateExpression;
  final Channel channel;

  /** The connector the component sends through, where a channel has several (ad platforms). */
  final String connectorId;

  Component(String templateId, String bpmnElement, String delegateExpression, Channel channel) {
    this(templateId, bpmnElement, delegateExpression, channel, null);
  }

  Component(
      String templateId,
      String bpmnElement,
      String delegateExpression,
      Channel channel,
      String connectorId) {
    this.templateId = templateId;
    this.bpmnElement = bpmnElement;
    this.delegateExpression = delegateExpression;
    this.channel = channel;
    this.connectorId = connectorId;
  }

  /**
   * What an event-mode journey may contain: JOURNEYS.md "Which components each mode allows" (SMS,
   * email, push, webhook, coupon; behaviour, result and copy branches) plus Cairn's extension,
   * where BPMN makes it safe per user: wait, tag branch and random split (the user takes the flow
   * the cohort partition would give them).
   */
  private static final Set<Component> EVENT_MODE =
      EnumSet.of(
          SEND_SMS,
          SEND_EMAIL,
          SEND_PUSH,
          CALL_WEBHOOK,
          ISSUE_COUPON,
          COPY_BRANCH,
          BEHAVIOUR_BRANCH,
          BEHAVIOUR_FLOW,
          RESULT_BRANCH,
          RESULT_FLOW,
          TAG_BRANCH,
          TAG_RULE,
          RANDOM_SPLIT,
          SPLIT_BRANCH,
          WAIT);

  /** Components only an event-mode journey may contain (its entry). */
  private static final Set<Component> EVENT_ONLY = EnumSet.of(EVENT_ENTRY);

  /** Whether a journey executing in {@code mode} may contain this component. */
  boolean allowedIn(JourneyMode mode) {
    return switch (mode) {
      case AUDIENCE -> !EVENT_ONLY.contains(this);
      case EVENT -> EVENT_MODE.contains(this) || EVENT_ONLY.contains(this);
    };
  }

  static Optional<Component> byTemplate(String templateId) {
    return Arrays.stream(values()).filter(c -> c.templateId.equals(templateId)).findFirst();
  }

  boolean isAction() {
    return channel != null;
  }
}
