package io.cairn.connectors.webhook;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds registered webhooks by id. The application backs it with its webhook registry;
 * implementations must be thread-safe and fast (called once per delivered batch).
 */
@FunctionalInterface
public interface WebhookDirectory {

  /** The webhook with this id, if it is registered and enabled. */
  Optional<WebhookEndpoint> find(String webhookId);

  /** A fixed directory. */
  static WebhookDirectory of(Collection<WebhookEndpoint> endpoints) {
    Map<String, WebhookEndpoint> byId =
        endpoints.stream()
            .collect(Collectors.toUnmodifiableMap(WebhookEndpoint::id, Function.identity()));
    return id -> Optional.ofNullable(id == null ? null : byId.get(id));
  }
}
