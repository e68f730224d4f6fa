package io.cairn.engine.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.webhook.ReceiptRequest;
import io.cairn.connectors.webhook.ReceiptResult;
import io.cairn.connectors.webhook.ReceiptRules;
import io.cairn.connectors.webhook.ReceiptVerdict;
import io.cairn.connectors.webhook.WebhookReceiptVerifier;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.delivery.DeliveryReceipt;
import io.cairn.engine.webhook.internal.DatabaseSeenReceipts;
import io.cairn.engine.webhook.internal.DatabaseWebhookDirectory;
import io.cairn.engine.webhook.internal.StoredWebhook;
import io.cairn.engine.webhook.internal.WebhookStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives the receipt reports of webhook receivers (the reference's {@code
 * receiveWebHookCallBack}) and settles the ledger rows they name as DELIVERED or FAILED.
 *
 * <p>A report names its webhook by the {@code webhook} query parameter or, failing that, by the
 * first item's {@code callback_params.webhook_id}; either way it is trusted only once that
 * webhook's secret verifies it ({@link WebhookReceiptVerifier}: signature, timestamp within 5
 * minutes, id or nonce never seen, each item within the receipt window). An unknown webhook is
 * answered like a bad signature. The replay check and the ledger updates share one transaction: a
 * report whose application failed was not remembered and can be sent again. A webhook may only
 * settle its own messages. Thread-safe.
 */
@Service
public class WebhookReceipts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookStore store;
  private final DatabaseWebhookDirectory directory;
  private final DatabaseSeenReceipts seen;
  private final DeliveryLedger ledger;
  private final TransactionTemplate tx;
  private final Clock clock;

  WebhookReceipts(
      WebhookStore store,
      DatabaseWebhookDirectory directory,
      DatabaseSeenReceipts seen,
      DeliveryLedger ledger,
      TransactionTemplate tx,
      Clock clock) {
    this.store = store;
    this.directory = directory;
    this.seen = seen;
    this.ledger = ledger;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Judges and applies one report.
   *
   * @param webhookParam the {@code webhook} query parameter, or {@code null}
   */
  public ReceiptAnswer receive(String webhookParam, ReceiptRequest request) {
    Optional<StoredWebhook> webhook =
        Optional.ofNullable(webhookParam)
            .or(() -> webhookOfFirstItem(request))
            .flatMap(DatabaseWebhookDirectory::parse)
            .flatMap(store::find);
    if (webhook.isEmpty()) {
      return new ReceiptAnswer.Refused("unknown webhook or bad signature");
    }
    StoredWebhook w = webhook.get();
    WebhookReceiptVerifier verifier =
        new WebhookReceiptVerifier(directory.endpoint(w), rules(w), seen.forWebhook(w.id()), clock);
    return tx.execute(
        status -> {
          ReceiptVerdict verdict = verifier.verify(request);
          if (verdict instanceof ReceiptVerdict.Refused r) {
            return new ReceiptAnswer.Refused(r.reason());
          }
          if (verdict instanceof ReceiptVerdict.Duplicate) {
            return new ReceiptAnswer.Duplicate(w.id());
          }
          if (!w.receipts().enabled()) {
            status.setRollbackOnly(); // not accepted, so not remembered either
            return new ReceiptAnswer.NotEnabled(w.id());
          }
          return apply(w, ((ReceiptVerdict.Verified) verdict).results());
        });
  }

  private ReceiptAnswer apply(StoredWebhook w, List<ReceiptResult> results) {
    List<DeliveryReceipt> receipts = new ArrayList<>();
    for (ReceiptResult r : results) {
      if (r instanceof ReceiptResult.Delivered d) {
        receipts.add(
            new DeliveryReceipt(d.idempotencyKey(), true, d.status(), null, d.reportedAt()));
      } else if (r instanceof ReceiptResult.Failed f) {
        receipts.add(
            new DeliveryReceipt(
                f.idempotencyKey(), false, f.status(), f.reason(), clock.instant()));
      }
    }
    String id = String.valueOf(w.id());
    List<DeliveryReceipt.Effect> effects =
        ledger.applyReceipts(
            Channel.WEBHOOK,
            settings -> id.equals(String.valueOf(settings.get("webhook")).strip()),
            receipts);
    List<ReceiptAnswer.Item> items = new ArrayList<>(results.size());
    int next = 0;
    int[] counts = new int[4];
    for (ReceiptResult r : results) {
      if (r instanceof ReceiptResult.Invalid invalid) {
        counts[3]++;
        items.add(new ReceiptAnswer.Item(invalid.idempotencyKey(), "INVALID", invalid.reason()));
        continue;
      }
      DeliveryReceipt.Effect e = effects.get(next);
      counts[e.ordinal()]++;
      items.add(new ReceiptAnswer.Item(receipts.get(next).idempotencyKey(), e.name(), null));
      next++;
    }
    return new ReceiptAnswer.Accepted(w.id(), counts[0], counts[1], counts[2], counts[3], items);
  }

  private static ReceiptRules rules(StoredWebhook w) {
    Set<String> delivered =
        w.receipts().statuses().stream()
            .filter(ReceiptStatus::delivered)
            .map(ReceiptStatus::code)
            .collect(Collectors.toSet());
    Map<String, String> names = new LinkedHashMap<>();
    w.receipts().statuses().forEach(s -> names.put(s.code(), s.name()));
    return new ReceiptRules(delivered, names, Duration.ofHours(w.receipts().windowHours()), null);
  }

  /** The webhook a report names in its body, read without trusting it (only to pick the key). */
  private static Optional<String> webhookOfFirstItem(ReceiptRequest request) {
    byte[] body = request.body();
    if (body.length == 0 || body.length > WebhookReceiptVerifier.MAX_BODY_BYTES) {
      return Optional.empty();
    }
    try {
      JsonNode items = JSON.readTree(body);
      JsonNode id =
          items != null && items.isArray() && !items.isEmpty()
              ? items.get(0).path("callback_params").path("webhook_id")
              : null;
      return id != null && (id.isTextual() || id.isIntegralNumber())
          ? Optional.of(id.asText())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
