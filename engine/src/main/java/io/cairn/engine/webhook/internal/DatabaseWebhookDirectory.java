package io.cairn.engine.webhook.internal;

import io.cairn.connectors.webhook.WebhookDirectory;
import io.cairn.connectors.webhook.WebhookEndpoint;
import io.cairn.engine.secret.SecretBox;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The registered webhooks as the connector sees them: enabled ones only, with their secrets opened.
 * One query per call (once per delivered batch of up to 100 requests).
 */
@Component
public class DatabaseWebhookDirectory implements WebhookDirectory {

  private final WebhookStore store;
  private final SecretBox secrets;

  DatabaseWebhookDirectory(WebhookStore store, SecretBox secrets) {
    this.store = store;
    this.secrets = secrets;
  }

  @Override
  public Optional<WebhookEndpoint> find(String webhookId) {
    return parse(webhookId).flatMap(store::find).filter(StoredWebhook::enabled).map(this::endpoint);
  }

  /** The endpoint of a stored webhook, enabled or not, with its secret opened. */
  public WebhookEndpoint endpoint(StoredWebhook w) {
    return new WebhookEndpoint(
        String.valueOf(w.id()),
        w.url(),
        w.signing(),
        secrets.open(w.secretSealed(), StoredWebhook.SECRET_PURPOSE),
        w.idTypes(),
        Duration.ofSeconds(w.timeoutSeconds()));
  }

  /** A webhook id as journeys write it, if it is one. */
  public static Optional<Long> parse(String webhookId) {
    if (webhookId == null || !webhookId.strip().matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(webhookId.strip()));
  }
}
