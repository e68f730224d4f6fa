/**
 * The delivery ledger: one row per recipient per action execution, the dispatcher that delivers
 * rows through connectors, receipts that settle rows as DELIVERED or FAILED ({@link
 * io.cairn.engine.delivery.DeliveryLedger#applyReceipts}), send policies, and connector
 * configuration (Kafka and ad platforms only when configured). Owns cairn_action_execution,
 * cairn_delivery, cairn_suppression, cairn_send_count and cairn_audience_upload (what ad platforms
 * report per upload, shown in {@link io.cairn.engine.delivery.ActionStats#upload()}). Depends on profile (addresses, variables) and connectors; other features
 * extend it through the {@link io.cairn.engine.delivery.SettingsCheck} SPI and provide connector
 * beans (webhook).
 */
package io.cairn.engine.delivery;
