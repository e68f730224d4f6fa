package io.cairn.engine.webhook.internal;

import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.http.SsrfGuard;
import io.cairn.connectors.webhook.WebhookConnector;
import io.cairn.connectors.webhook.WebhookDirectory;
import io.cairn.connectors.webhook.WebhookEndpoint;
import io.cairn.connectors.webhook.WebhookSettings;
import io.cairn.engine.webhook.WebhookTestResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.springframework.stereotype.Component;

/**
 * Sends one real request to a webhook through the same connector journeys use, and records the
 * exchange. The connector is built for this one request (cheap: it shares the pool and dispatcher)
 * so that the recorder sees exactly this request.
 */
@Component
public class WebhookTester {

  private final OkHttpClient http;
  private final SsrfGuard guard;
  private final Clock clock;

  WebhookTester(OkHttpClient cairnHttpClient, SsrfGuard cairnSsrfGuard, Clock clock) {
    this.http = cairnHttpClient;
    this.guard = cairnSsrfGuard;
    this.clock = clock;
  }

  /**
   * Sends and describes one request.
   *
   * @param values the recipient's variable values
   */
  public WebhookTestResult send(
      StoredWebhook webhook,
      WebhookEndpoint endpoint,
      IdType idType,
      String targetId,
      String params,
      Map<String, String> values) {
    Instant at = clock.instant();
    RecordedExchange exchange = new RecordedExchange();
    OkHttpClient recording = http.newBuilder().addInterceptor(exchange).build();
    WebhookConnector connector =
        new WebhookConnector(recording, guard, WebhookDirectory.of(List.of(endpoint)), clock);
    String key = "test-" + webhook.id() + "-" + at.toEpochMilli();
    WebhookSettings settings =
        new WebhookSettings(endpoint.id(), idType, params, EmptyValuePolicy.SKIP, null);
    Outcome outcome =
        connector
            .deliver(
                new DeliveryBatch<>(
                    settings, List.of(new OutboundMessage(key, targetId, null, "", values))))
            .outcomeFor(key);
    String[] described = describe(outcome);
    StringBuilder log = new StringBuilder();
    log.append("Cairn webhook test send\n");
    log.append("webhook:  ")
        .append(webhook.id())
        .append(" \"")
        .append(webhook.name())
        .append("\"\n");
    log.append("at:       ").append(at).append('\n');
    log.append("outcome:  ").append(described[0]);
    if (described[1] != null) {
      log.append(" (").append(described[1]).append(')');
    }
    log.append('\n');
    log.append("duration: ").append(exchange.durationMillis()).append(" ms\n\n");
    log.append(exchange.requested() ? exchange.text() : "no request was made\n");
    return new WebhookTestResult(
        webhook.id(),
        at,
        described[0],
        described[1],
        exchange.status(),
        exchange.durationMillis(),
        log.toString());
  }

  private static String[] describe(Outcome outcome) {
    if (outcome instanceof Outcome.Sent s) {
      return new String[] {
        "SENT", s.providerMessageId() == null ? null : "requestId " + s.providerMessageId()
      };
    }
    if (outcome instanceof Outcome.Rejected r) {
      return new String[] {"REJECTED", r.code() + ": " + r.reason()};
    }
    if (outcome instanceof Outcome.Retryable r) {
      return new String[] {"RETRYABLE", r.reason()};
    }
    return new String[] {"AMBIGUOUS", ((Outcome.Ambiguous) outcome).reason()};
  }
}
