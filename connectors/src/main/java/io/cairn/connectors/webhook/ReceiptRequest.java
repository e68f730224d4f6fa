package io.cairn.connectors.webhook;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A receipt report as it reached Cairn's receipt endpoint, before anything is trusted: what the web
 * layer hands to {@link WebhookReceiptVerifier}.
 *
 * @param headers request headers; names are matched case-insensitively (stored lower case)
 * @param query query parameters ({@code timestamp} and {@code nonce} for {@link
 *     SigningScheme#SORTED_KEY}), decoded
 * @param body the raw body bytes, exactly as received (the signature covers them)
 */
public record ReceiptRequest(Map<String, String> headers, Map<String, String> query, byte[] body) {

  public ReceiptRequest {
    Map<String, String> lower = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              lower.put(k.toLowerCase(Locale.ROOT), v);
            }
          });
    }
    headers = Map.copyOf(lower);
    Map<String, String> q = new LinkedHashMap<>();
    if (query != null) {
      query.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              q.put(k, v);
            }
          });
    }
    query = Map.copyOf(q);
    body = body == null ? new byte[0] : body.clone();
  }

  /** A header's value, or {@code null}. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    // The body holds identities; the headers a signature.
    return "ReceiptRequest[" + body.length + " bytes]";
  }
}
