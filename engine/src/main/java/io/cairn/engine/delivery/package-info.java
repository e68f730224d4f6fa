/**
 * The delivery ledger: one row per recipient per action execution, the dispatcher that delivers
 * rows through connectors, receipts that settle rows as DELIVERED or FAILED ({@link
 * io.cairn.engine.delivery.DeliveryLedger#applyReceipts}), send policies, and connector
 * configuration (Kafka and ad platforms only when configured). After sending, the upkeep turns
 * rows without a receipt into NO_FEEDBACK once the channel's feedback window passed and deletes
 * the rows of long-finished actions, keeping their counts; {@link
 * io.cairn.engine.delivery.OutcomeSegments} makes static segments of outcomes, {@link
 * io.cairn.engine.delivery.ActionResults} splits an action's recipients by {@link
 * io.cairn.engine.delivery.ResultOutcome} for journeys' result branches, and {@link
 * io.cairn.engine.delivery.ChannelProviders} reports connectors and their health. Owns
 * cairn_action_execution, cairn_delivery, cairn_delivery_lease, cairn_action_outcome,
 * cairn_delivery_incident, cairn_suppression, cairn_send_count and cairn_audience_upload (what ad
 * platforms report per upload, shown in {@link io.cairn.engine.delivery.ActionStats#upload()}).
 * Depends on profile (addresses, variables), segment (static segments of outcomes) and
 * connectors; other features extend it through the {@link io.cairn.engine.delivery.SettingsCheck}
 * SPI (deploy-time checks), the {@link io.cairn.engine.delivery.ActionContent} SPI (content copied
 * into an action's settings when it is recorded, per-recipient values at dispatch: templates,
 * short links), the {@link io.cairn.engine.delivery.FeedbackWindow} SPI, and provide connector
 * beans (webhook, coupon).
 */
package io.cairn.engine.delivery;
