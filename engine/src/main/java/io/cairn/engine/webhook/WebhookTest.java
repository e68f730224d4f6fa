package io.cairn.engine.webhook;

import java.util.Map;

/**
 * A test send: one real request to the webhook, for a sample entity or for given values.
 *
 * @param idType the identity type sent ({@code mobile} …); one the webhook accepts
 * @param entityType with {@code entityId}: a known entity whose identity and tag values are used
 * @param entityId the entity's external id
 * @param targetId without an entity: the identity value to send
 * @param params parameter values as a JSON object of strings, with {@code ${tag}} variables, as in
 *     a journey node; {@code null} for none
 * @param values without an entity: the variables' values
 */
public record WebhookTest(
    String idType,
    String entityType,
    String entityId,
    String targetId,
    String params,
    Map<String, String> values) {

  @Override
  public String toString() {
    return "WebhookTest[" + idType + "]"; // identities and values are personal data
  }
}
