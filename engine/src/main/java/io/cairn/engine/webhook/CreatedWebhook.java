package io.cairn.engine.webhook;

/**
 * A webhook just created or given a new secret, with the secret: the only time Cairn shows it.
 *
 * @param webhook the webhook
 * @param secret the signing secret, to configure in the receiver
 */
public record CreatedWebhook(Webhook webhook, String secret) {

  @Override
  public String toString() {
    return "CreatedWebhook[" + webhook.id() + ", secret=***]";
  }
}
