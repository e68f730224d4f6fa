/**
 * The delivery ledger: one row per recipient per action execution, the dispatcher that delivers
 * rows through connectors, receipts that settle rows as DELIVERED or FAILED ({@link
 * io.cairn.engine.delivery.DeliveryLedger#applyReceipts}), send policies, and connector
 * configuration. Owns cairn_action_execution, cairn_delivery, cairn_suppression and
 * cairn_send_count. Depends on profile (addresses, variables) and connectors; other features
 * extend it through the {@link io.cairn.engine.delivery.SettingsCheck} SPI (deploy-time checks),
 * the {@link io.cairn.engine.delivery.ActionContent} SPI (content copied into an action's settings
 * when it is recorded, per-recipient values at dispatch: templates, short links) and provide
 * connector beans (webhook).
 */
package io.cairn.engine.delivery;
