package io.cairn.engine.webhook.internal;

import io.cairn.connectors.content.TextTemplate;
import io.cairn.connectors.webhook.WebhookSettings;
import io.cairn.engine.delivery.SettingsCheck;
import io.cairn.engine.webhook.ParameterType;
import io.cairn.engine.webhook.WebhookParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A "Call webhook" node is deployable when its webhook exists and is enabled, accepts the node's
 * identity type, and every parameter value is one the webhook defines and of its type (variables
 * only in TEXT parameters).
 */
@Component
class WebhookSettingsCheck implements SettingsCheck {

  private final WebhookStore store;

  WebhookSettingsCheck(WebhookStore store) {
    this.store = store;
  }

  @Override
  public List<String> problems(Record settings) {
    if (!(settings instanceof WebhookSettings s)) {
      return List.of();
    }
    Optional<StoredWebhook> found =
        DatabaseWebhookDirectory.parse(s.webhook()).flatMap(store::find);
    if (found.isEmpty()) {
      return List.of("webhook " + s.webhook() + " does not exist");
    }
    StoredWebhook w = found.get();
    List<String> problems = new ArrayList<>();
    if (!w.enabled()) {
      problems.add("webhook " + w.id() + " is disabled");
    }
    if (!w.idTypes().contains(s.idType())) {
      problems.add("webhook " + w.id() + " does not accept " + s.idType().code());
    }
    Map<String, WebhookParameter> defined =
        w.parameters().stream()
            .collect(Collectors.toMap(WebhookParameter::name, Function.identity()));
    s.parameters()
        .forEach(
            (name, value) -> {
              WebhookParameter p = defined.get(name);
              if (p == null) {
                problems.add("webhook " + w.id() + " has no parameter " + name);
              } else {
                typeProblem(p, value).ifPresent(problems::add);
              }
            });
    return problems;
  }

  private static Optional<String> typeProblem(WebhookParameter p, String value) {
    boolean variables = !TextTemplate.parse(value).variables().isEmpty();
    if (p.type() == ParameterType.TEXT) {
      return Optional.empty();
    }
    if (variables) {
      return Optional.of("parameter " + p.name() + " is a " + p.type() + ": no ${variables}");
    }
    boolean ok =
        p.type() == ParameterType.NUMBER
            ? value.strip().matches("-?[0-9]+(\\.[0-9]+)?")
            : value.equals("true") || value.equals("false");
    return ok
        ? Optional.empty()
        : Optional.of("parameter " + p.name() + " must be a " + p.type() + ": " + value);
  }
}
