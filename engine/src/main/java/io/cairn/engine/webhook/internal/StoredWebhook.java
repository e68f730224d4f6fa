package io.cairn.engine.webhook.internal;

import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.webhook.SigningScheme;
import io.cairn.engine.webhook.ReceiptSettings;
import io.cairn.engine.webhook.Webhook;
import io.cairn.engine.webhook.WebhookParameter;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A webhook row; the secret stays sealed until a connector or verifier needs it. */
public record StoredWebhook(
    long id,
    String name,
    String url,
    SigningScheme signing,
    String secretSealed,
    String secretHint,
    Set<IdType> idTypes,
    List<WebhookParameter> parameters,
    ReceiptSettings receipts,
    int timeoutSeconds,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt) {

  /** The purpose under which secrets are sealed. */
  public static final String SECRET_PURPOSE = "webhook-secret";

  public Webhook view() {
    return new Webhook(
        id,
        name,
        url,
        signing.name(),
        secretHint,
        idTypes.stream().sorted().map(IdType::code).toList(),
        parameters,
        receipts,
        timeoutSeconds,
        enabled,
        createdAt,
        updatedAt);
  }

  @Override
  public String toString() {
    return "StoredWebhook[" + id + "]";
  }
}
