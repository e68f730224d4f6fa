/**
 * Webhooks, the custom channel, as administrators manage them: the registry ({@link
 * io.cairn.engine.webhook.Webhooks}: create, change, enable, disable, delete, test send with a
 * downloadable log) and signed receipts ({@link io.cairn.engine.webhook.WebhookReceipts}) that
 * settle ledger rows as delivered or failed. Owns cairn_webhook, cairn_webhook_test_log and
 * cairn_webhook_seen; provides the {@code webhook} connector (refusing disabled webhooks) and the
 * database-backed {@code WebhookDirectory}, and each webhook's receipt window as the ledger's
 * feedback window of its actions.
 *
 * <p>Depends on {@code secret} (sealed signing secrets), {@code delivery} (receipts, the settings
 * check), {@code profile} (sample entities of a test send), {@code problem} and the connectors'
 * {@code webhook} and {@code http} packages.
 */
package io.cairn.engine.webhook;
