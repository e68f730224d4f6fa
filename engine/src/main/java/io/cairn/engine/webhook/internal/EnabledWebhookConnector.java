package io.cairn.engine.webhook.internal;

import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.webhook.WebhookConnector;
import io.cairn.connectors.webhook.WebhookSettings;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code webhook} connector as journeys use it: a disabled webhook refuses every recipient with
 * {@value #DISABLED}, so the ledger records them FAILED with that reason and the action settles.
 * Deferring instead would leave them waiting for an administrator who may never enable the webhook
 * again, and the reference allows only enabled webhooks to be used. Everything else is the {@link
 * WebhookConnector}'s.
 */
final class EnabledWebhookConnector implements ChannelConnector<WebhookSettings> {

  /** Rejection code of recipients of a disabled webhook. */
  static final String DISABLED = "webhook-disabled";

  private final WebhookConnector delegate;
  private final WebhookStore store;

  EnabledWebhookConnector(WebhookConnector delegate, WebhookStore store) {
    this.delegate = delegate;
    this.store = store;
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public Channel channel() {
    return delegate.channel();
  }

  @Override
  public Set<IdType> acceptedIds() {
    return delegate.acceptedIds();
  }

  @Override
  public IdType idTypeFor(WebhookSettings settings) {
    return delegate.idTypeFor(settings);
  }

  @Override
  public Class<WebhookSettings> settingsType() {
    return delegate.settingsType();
  }

  @Override
  public int maxBatchSize() {
    return delegate.maxBatchSize();
  }

  @Override
  public BatchOutcome deliver(DeliveryBatch<WebhookSettings> batch) {
    Optional<StoredWebhook> stored;
    try {
      stored = DatabaseWebhookDirectory.parse(batch.settings().webhook()).flatMap(store::find);
    } catch (RuntimeException e) {
      return BatchOutcome.all(
          batch.messages(),
          new Outcome.Retryable("webhook registry failed: " + e.getClass().getSimpleName()));
    }
    if (stored.isPresent() && !stored.get().enabled()) {
      return BatchOutcome.all(
          batch.messages(),
          new Outcome.Rejected(DISABLED, "webhook " + stored.get().id() + " is disabled"));
    }
    return delegate.deliver(batch);
  }

  @Override
  public String toString() {
    return "EnabledWebhookConnector[" + delegate + "]";
  }
}
