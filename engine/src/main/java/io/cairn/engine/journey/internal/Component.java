package io.cairn.engine.journey.internal;

import io.cairn.connectors.ads.GoogleAdsAudienceConnector;
import io.cairn.connectors.ads.MetaAudienceConnector;
import io.cairn.connectors.channel.Channel;
import java.util.Arrays;
import java.util.Optional;

/**
 * Cairn's journey components as they appear in BPMN: the element template id that Camunda Modeler
 * writes as {@code camunda:modelerTemplate}, the BPMN element it applies to, and for actions the
 * fixed delegate expression the template binds. The server accepts exactly these and nothing else.
 */
enum Component {
  AUDIENCE_ENTRY("io.cairn.audienceEntry", "startEvent", null, null),
  /** Individual mode: a user's event starts one instance (EventEntryCompiler). */
  EVENT_ENTRY("io.cairn.eventEntry", "startEvent", null, null),
  /** Did / did not do an event within a window; event mode: BehaviourBranchCompiler. */
  BEHAVIOUR_BRANCH("io.cairn.behaviourBranch", "exclusiveGateway", null, null),
  /** An outgoing flow of a behaviour branch: {@code branch} DID or DID_NOT. */
  BEHAVIOUR_FLOW("io.cairn.behaviourFlow", "sequenceFlow", null, null),
  RANDOM_SPLIT("io.cairn.randomSplit", "exclusiveGateway", null, null),
  SPLIT_BRANCH("io.cairn.splitBranch", "sequenceFlow", null, null),
  WAIT("io.cairn.wait", "intermediateCatchEvent", null, null),
  SEND_SMS("io.cairn.sendSms", "serviceTask", "${cairnSendSms}", Channel.SMS),
  SEND_EMAIL("io.cairn.sendEmail", "serviceTask", "${cairnSendEmail}", Channel.EMAIL),
  SEND_PUSH("io.cairn.sendPush", "serviceTask", "${cairnSendPush}", Channel.PUSH),
  CALL_WEBHOOK("io.cairn.callWebhook", "serviceTask", "${cairnCallWebhook}", Channel.WEBHOOK),
  ISSUE_COUPON("io.cairn.issueCoupon", "serviceTask", "${cairnIssueCoupon}", Channel.COUPON),
  PUSH_KAFKA("io.cairn.pushKafka", "serviceTask", "${cairnPushKafka}", Channel.KAFKA),
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

  static Optional<Component> byTemplate(String templateId) {
    return Arrays.stream(values()).filter(c -> c.templateId.equals(templateId)).findFirst();
  }

  boolean isAction() {
    return channel != null;
  }
}
