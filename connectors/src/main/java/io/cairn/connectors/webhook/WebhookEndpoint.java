package io.cairn.connectors.webhook;

import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.webhook.internal.WebhookSignatures;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * A webhook an administrator registered (the reference's "Webhook management"): where Cairn posts,
 * how it signs, and which identity types the receiving system understands. Journey nodes refer to
 * it by {@link #id}; the secret never appears in a journey. The same secret verifies the receiver's
 * receipts. Invalid values fail here, when the webhook is registered, not on the first delivery.
 *
 * @param id stable id, echoed in {@code callback_params.webhook_id}
 * @param url the receiver's http(s) URL; it is user-given, so every request to it passes the {@code
 *     SsrfGuard}
 * @param signing the signature scheme; {@code null} means {@link SigningScheme#STANDARD_WEBHOOKS}
 * @param secret {@code whsec_<base64>} for Standard Webhooks, any non-blank key for {@link
 *     SigningScheme#SORTED_KEY}. Required: Cairn never sends an unsigned webhook. Never logged:
 *     {@link #toString()} masks it
 * @param idTypes the identity types the receiver accepts; not empty
 * @param timeout the limit for one whole request; {@code null} means 10 seconds
 * @throws IllegalArgumentException if a value is missing or invalid; the message never contains the
 *     secret
 */
public record WebhookEndpoint(
    String id,
    String url,
    SigningScheme signing,
    String secret,
    Set<IdType> idTypes,
    Duration timeout) {

  /** Timeout used when none is configured. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public WebhookEndpoint {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("webhook id is missing");
    }
    if (url == null || HttpUrl.parse(url.strip()) == null) {
      throw new IllegalArgumentException("webhook " + id + ": url is not an http(s) URL");
    }
    url = url.strip();
    signing = signing == null ? SigningScheme.STANDARD_WEBHOOKS : signing;
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("webhook " + id + ": a signing secret is required");
    }
    if (signing == SigningScheme.STANDARD_WEBHOOKS) {
      try {
        WebhookSignatures.standardKey(secret);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("webhook " + id + ": " + e.getMessage());
      }
    }
    if (idTypes == null || idTypes.isEmpty()) {
      throw new IllegalArgumentException("webhook " + id + ": no identity type accepted");
    }
    idTypes = Set.copyOf(EnumSet.copyOf(idTypes));
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("webhook " + id + ": timeout must be positive");
    }
  }

  @Override
  public String toString() {
    return "WebhookEndpoint[id="
        + id
        + ", host="
        + HttpUrl.get(url).host()
        + ", signing="
        + signing
        + ", secret=***, idTypes="
        + idTypes
        + ", timeout="
        + timeout
        + "]";
  }
}
