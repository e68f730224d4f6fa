package io.cairn.engine.webhook.internal;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.FeedbackWindow;
import io.cairn.engine.webhook.ReceiptSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A webhook action's feedback window is its webhook's receipt window: receipts are accepted that
 * long after sending, so a row without one is NO_FEEDBACK only then. A webhook without receipts (or
 * deleted since) expects none, and its SENT rows stay SENT.
 */
@Component
class WebhookFeedbackWindow implements FeedbackWindow {

  private final WebhookStore store;

  WebhookFeedbackWindow(WebhookStore store) {
    this.store = store;
  }

  @Override
  public Channel channel() {
    return Channel.WEBHOOK;
  }

  @Override
  public Optional<Duration> window(Map<String, String> settings) {
    return DatabaseWebhookDirectory.parse(settings.get("webhook"))
        .flatMap(store::find)
        .filter(w -> w.receipts().enabled())
        .map(
            w ->
                Duration.ofHours(
                    w.receipts().windowHours() == null
                        ? ReceiptSettings.DEFAULT_WINDOW_HOURS
                        : w.receipts().windowHours()));
  }
}
