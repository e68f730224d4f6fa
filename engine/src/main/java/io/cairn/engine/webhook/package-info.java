/**
 * Webhooks, the custom channel, as administrators manage them: the registry ({@link
 * io.cairn.engine.webhook.Webhooks}: create, change, enable, disable, delete, test send with a
 * downloadable log) and signed receipts ({@link io.cairn.engine.webhook.WebhookReceipts}) that
 * settle ledger rows as delivered or failed. Owns cairn_webhook, cairn_webhook_test_log and
 * cairn_webhook_seen; provides the {@code webhook} connector (refusing disabled webhooks) and the
 * database-backed {@code WebhookDirectory}, and each webhook's receipt window as the ledger's
 * feedback window of its actions. A webhook belongs to a workspace (given to {@code create} and
 * {@code list}; names are unique within it); id-based operations do not look at the workspace, the
 * caller checks it first ({@link io.cairn.engine.workspace.Workspaces#require}).
 *
 * <p>Depends on {@code secret} (sealed signing secrets), {@code delivery} (receipts, the settings
 * check), {@code profile} (sample entities of a test send), {@code problem} and the connectors'
 * {@code webhook} and {@code http} packages, and {@code workspace}.
 */
package io.cairn.engine.webhook;
