package io.cairn.engine.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param upload for ad audience actions, what the platform reported about the uploads; {@code
 *     null} (and absent from JSON) for every other action
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
    long pending,
    @JsonInclude(JsonInclude.Include.NON_NULL) UploadStats upload) {

  /** The ledger's counts of an action without upload statistics. */
  public ActionStats(
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
      long pending) {
    this(
        actionId,
        elementId,
        channel,
        connectorId,
        recipients,
        sent,
        delivered,
        noFeedback,
        failed,
        skipped,
        suppressed,
        ambiguous,
        pending,
        null);
  }

  /** These counts with the upload statistics. */
  public ActionStats withUpload(UploadStats upload) {
    return new ActionStats(
        actionId,
        elementId,
        channel,
        connectorId,
        recipients,
        sent,
        delivered,
        noFeedback,
        failed,
        skipped,
        suppressed,
        ambiguous,
        pending,
        upload);
  }
}
