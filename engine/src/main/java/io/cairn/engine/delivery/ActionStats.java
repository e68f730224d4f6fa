package io.cairn.engine.delivery;

/**
 * What the ledger holds for one action execution: the counts of its rows plus those of rows that
 * retention deleted, so they do not change when old rows are purged.
 *
 * @param actionId the action execution id
 * @param elementId the BPMN element id of the action node
 * @param channel the channel
 * @param connectorId the connector that delivers it
 * @param recipients ledger rows written
 * @param sent accepted by the provider and not reported failed since (includes {@code delivered}
 *     and {@code noFeedback})
 * @param delivered of those, confirmed delivered by a receipt
 * @param noFeedback of those, without a receipt when the channel's feedback window ended
 * @param failed refused permanently, retries exhausted, or reported failed by a receipt
 * @param skipped not sent: no address, or an empty template variable under the SKIP policy
 * @param suppressed not sent because of a send policy (suppression list, holdout, frequency cap)
 * @param ambiguous may or may not have reached the provider (never resent automatically)
 * @param pending not yet delivered (waiting or in flight)
 */
public record ActionStats(
    long actionId,
    String elementId,
    String channel,
    String connectorId,
    long recipients,
    long sent,
    long delivered,
    long noFeedback,
    long failed,
    long skipped,
    long suppressed,
    long ambiguous,
    long pending) {}
