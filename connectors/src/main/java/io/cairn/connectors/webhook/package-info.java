/**
 * Webhooks, the custom channel: registered receivers ({@link
 * io.cairn.connectors.webhook.WebhookEndpoint}, found through a {@link
 * io.cairn.connectors.webhook.WebhookDirectory}), the settings of a "Call webhook" node ({@link
 * io.cairn.connectors.webhook.WebhookSettings}), the connector that posts one signed request per
 * recipient ({@link io.cairn.connectors.webhook.WebhookConnector}) and the verifier of the
 * receiver's signed receipts ({@link io.cairn.connectors.webhook.WebhookReceiptVerifier}).
 *
 * <p>Depends on {@code channel}, {@code content} and {@code http}, OkHttp and Jackson only. The
 * receipt endpoint and the ledger writes live in the web and engine modules.
 */
package io.cairn.connectors.webhook;
