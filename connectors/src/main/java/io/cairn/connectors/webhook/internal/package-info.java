/**
 * Webhook internals: the signature schemes ({@link
 * io.cairn.connectors.webhook.internal.WebhookSignatures}) and the request body ({@link
 * io.cairn.connectors.webhook.internal.WebhookPayload}), shared by the connector and the receipt
 * verifier.
 *
 * <p>Depends on {@code channel}, {@code content}, Jackson and the JDK.
 */
package io.cairn.connectors.webhook.internal;
