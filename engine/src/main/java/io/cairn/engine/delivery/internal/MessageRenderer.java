package io.cairn.engine.delivery.internal;

import io.cairn.connectors.ads.GoogleAdsAudienceSettings;
import io.cairn.connectors.ads.MetaAudienceSettings;
import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.content.HtmlText;
import io.cairn.connectors.coupon.CouponSettings;
import io.cairn.connectors.content.TextTemplate;
import io.cairn.connectors.email.EmailSettings;
import io.cairn.connectors.kafka.KafkaSettings;
import io.cairn.connectors.push.PushSettings;
import io.cairn.connectors.sms.SmsSettings;
import io.cairn.connectors.webhook.WebhookSettings;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders an action's texts for one recipient from the node's settings: an SMS text, an email's
 * subject and body, a push notification's title and body, or a webhook's parameters. Webhook
 * parameters are rendered here only to apply the empty-value policy; the connector receives the
 * recipient's variable values ({@code OutboundMessage.variables}) and builds its body from them.
 * Kafka and ad-audience actions send no text: their messages have an empty body.
 */
final class MessageRenderer {

  /** A rendered message, or the reason it is skipped. */
  record Rendered(
      String subject, String body, String html, Map<String, String> variables, String skipReason) {
    boolean skipped() {
      return skipReason != null;
    }
  }

  private final TextTemplate subject; // null for channels without a subject
  private final List<TextTemplate> texts; // the body, or every webhook parameter
  private final TextTemplate html; // an email's HTML part, or null
  private final boolean passVariables;
  private final boolean passBody;
  private final EmptyValuePolicy policy;
  private final String replacement;
  private final Set<String> variables = new LinkedHashSet<>();

  private MessageRenderer(
      TextTemplate subject,
      List<TextTemplate> texts,
      boolean passVariables,
      boolean passBody,
      EmptyValuePolicy policy,
      String replacement) {
    this(subject, texts, null, passVariables, passBody, policy, replacement);
  }

  private MessageRenderer(
      TextTemplate subject,
      List<TextTemplate> texts,
      TextTemplate html,
      boolean passVariables,
      boolean passBody,
      EmptyValuePolicy policy,
      String replacement) {
    this.subject = subject;
    this.texts = List.copyOf(texts);
    this.html = html;
    this.passVariables = passVariables;
    this.passBody = passBody;
    this.policy = policy;
    this.replacement = replacement;
    if (subject != null) {
      variables.addAll(subject.variables());
    }
    texts.forEach(t -> variables.addAll(t.variables()));
    if (html != null) {
      variables.addAll(html.variables());
    }
  }

  static MessageRenderer of(Record settings) {
    if (settings instanceof SmsSettings s) {
      // A platform template is filled in by the platform: it needs each recipient's values.
      return new MessageRenderer(
          null,
          List.of(TextTemplate.parse(s.template())),
          s.templateCode() != null,
          true,
          s.onEmptyValue(),
          s.replacement());
    }
    if (settings instanceof EmailSettings e) {
      return new MessageRenderer(
          TextTemplate.parse(e.subject()),
          List.of(TextTemplate.parse(e.body())),
          e.html() == null ? null : TextTemplate.parse(e.html()),
          false,
          true,
          e.onEmptyValue(),
          e.replacement());
    }
    if (settings instanceof PushSettings p) {
      return new MessageRenderer(
          TextTemplate.parse(p.title()),
          List.of(TextTemplate.parse(p.body())),
          false,
          true,
          p.onEmptyValue(),
          p.replacement());
    }
    if (settings instanceof WebhookSettings w) {
      return new MessageRenderer(
          null,
          w.parameters().values().stream().map(TextTemplate::parse).toList(),
          true,
          false,
          w.onEmptyValue(),
          w.replacement());
    }
    if (settings instanceof CouponSettings
        || settings instanceof KafkaSettings
        || settings instanceof GoogleAdsAudienceSettings
        || settings instanceof MetaAudienceSettings) {
      // Coupons and audience pushes send no text: nothing to render, no variable to look up.
      return new MessageRenderer(null, List.of(), false, false, EmptyValuePolicy.SKIP, "");
    }
    throw new IllegalArgumentException("no renderer for " + settings.getClass().getSimpleName());
  }

  /** The tag codes the templates use. */
  Set<String> variables() {
    return variables;
  }

  Rendered render(Map<String, String> values) {
    Optional<String> s =
        subject == null ? Optional.of("") : subject.render(values, policy, replacement);
    if (s.isEmpty()) {
      return skipped(subject, values);
    }
    String body = "";
    for (TextTemplate text : texts) {
      Optional<String> t = text.render(values, policy, replacement);
      if (t.isEmpty()) {
        return skipped(text, values);
      }
      body = t.get();
    }
    String htmlPart = null;
    if (html != null) {
      Optional<String> h = html.render(values, policy, replacement, HtmlText::escape);
      if (h.isEmpty()) {
        return skipped(html, values);
      }
      htmlPart = h.get();
    }
    Map<String, String> passed = Map.of();
    if (passVariables) {
      passed = new LinkedHashMap<>();
      for (String v : variables) {
        passed.put(v, values.get(v));
      }
    }
    return new Rendered(
        subject == null ? null : s.get(), passBody ? body : "", htmlPart, passed, null);
  }

  private static Rendered skipped(TextTemplate template, Map<String, String> values) {
    String missing = template.firstEmptyVariable(values).orElse("?");
    return new Rendered(null, null, null, Map.of(), "empty variable " + missing);
  }
}
