package io.cairn.engine.delivery.internal;

import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.content.TextTemplate;
import io.cairn.connectors.email.EmailSettings;
import io.cairn.connectors.sms.SmsSettings;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Renders an action's subject and body for one recipient from the node's settings. */
final class MessageRenderer {

  /** A rendered message, or the reason it is skipped. */
  record Rendered(String subject, String body, String skipReason) {
    boolean skipped() {
      return skipReason != null;
    }
  }

  private final TextTemplate subject; // null for channels without a subject
  private final TextTemplate body;
  private final EmptyValuePolicy policy;
  private final String replacement;
  private final Set<String> variables = new LinkedHashSet<>();

  private MessageRenderer(
      TextTemplate subject, TextTemplate body, EmptyValuePolicy policy, String replacement) {
    this.subject = subject;
    this.body = body;
    this.policy = policy;
    this.replacement = replacement;
    if (subject != null) {
      variables.addAll(subject.variables());
    }
    variables.addAll(body.variables());
  }

  static MessageRenderer of(Record settings) {
    if (settings instanceof SmsSettings s) {
      return new MessageRenderer(
          null, TextTemplate.parse(s.template()), s.onEmptyValue(), s.replacement());
    }
    if (settings instanceof EmailSettings e) {
      return new MessageRenderer(
          TextTemplate.parse(e.subject()),
          TextTemplate.parse(e.body()),
          e.onEmptyValue(),
          e.replacement());
    }
    throw new IllegalArgumentException("no renderer for " + settings.getClass().getSimpleName());
  }

  /** The tag codes the templates use. */
  Set<String> variables() {
    return variables;
  }

  Rendered render(Map<String, String> values) {
    Optional<String> b = body.render(values, policy, replacement);
    Optional<String> s =
        subject == null ? Optional.of("") : subject.render(values, policy, replacement);
    if (b.isEmpty() || s.isEmpty()) {
      String missing =
          (subject == null ? Optional.<String>empty() : subject.firstEmptyVariable(values))
              .or(() -> body.firstEmptyVariable(values))
              .orElse("?");
      return new Rendered(null, null, "empty variable " + missing);
    }
    return new Rendered(subject == null ? null : s.get(), b.get(), null);
  }
}
