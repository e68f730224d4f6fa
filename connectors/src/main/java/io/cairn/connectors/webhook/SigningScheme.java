package io.cairn.connectors.webhook;

/** How webhook requests and their receipts are signed. */
public enum SigningScheme {

  /**
   * <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>: headers {@code webhook-id}
   * (the message's idempotency key), {@code webhook-timestamp} (Unix seconds) and {@code
   * webhook-signature: v1,<base64 HMAC-SHA256 over id.timestamp.body>}; secret {@code whsec_<base64
   * of 24 or more bytes>}. The default: it covers the body.
   */
  STANDARD_WEBHOOKS,

  /**
   * The reference product's scheme, for receivers built against it: the URL carries {@code
   * ?timestamp=<Unix seconds>&nonce=<32 random characters>}, and the header {@code
   * X-QA-Hmac-Signature} carries the lower-case hex HMAC-SHA256, keyed with the secret's UTF-8
   * bytes, of the secret, timestamp and nonce sorted lexicographically, concatenated and stripped
   * of whitespace. It does not cover the body; prefer {@link #STANDARD_WEBHOOKS} where the receiver
   * allows it.
   */
  SORTED_KEY
}
