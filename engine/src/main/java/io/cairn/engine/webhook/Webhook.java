package io.cairn.engine.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A registered webhook as people may see it: never its secret, only a hint of it.
 *
 * @param id the id journey nodes name ({@code webhook} setting) and requests echo ({@code
 *     callback_params.webhook_id})
 * @param name unique display name
 * @param url where Cairn posts
 * @param signing {@code STANDARD_WEBHOOKS} or {@code SORTED_KEY}
 * @param secretHint the secret's first and last characters, e.g. {@code whsec_…Qx4=}
 * @param idTypes the identity codes the receiver accepts ({@code mobile}, {@code email} …)
 * @param parameters the parameters it expects
 * @param receipts its receipt settings
 * @param timeoutSeconds the limit for one request
 * @param enabled only enabled webhooks are called and tested
 */
public record Webhook(
    long id,
    String name,
    String url,
    String signing,
    String secretHint,
    List<String> idTypes,
    List<WebhookParameter> parameters,
    ReceiptSettings receipts,
    int timeoutSeconds,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt) {}
