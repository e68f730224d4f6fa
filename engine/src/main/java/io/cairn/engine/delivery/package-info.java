/**
 * The delivery ledger: one row per recipient per action execution, the dispatcher that delivers
 * rows through connectors, receipts that settle rows as DELIVERED or FAILED ({@link
 * io.cairn.engine.delivery.DeliveryLedger#applyReceipts}), send policies, and connector
 * configuration. Owns cairn_action_execution, cairn_delivery, cairn_suppression and
 * cairn_send_count. Depends on profile (addresses, variables) and connectors; other features
 * extend it through the {@link io.cairn.engine.delivery.SettingsCheck} SPI and provide connector
 * beans (webhook, coupon).
 */
package io.cairn.engine.delivery;
