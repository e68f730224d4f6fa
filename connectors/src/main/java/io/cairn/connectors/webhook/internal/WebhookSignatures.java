package io.cairn.connectors.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two signature schemes of webhook requests and receipts. Stateless; every comparison is
 * constant-time.
 *
 * <h2>Standard Webhooks</h2>
 *
 * <p>{@code webhook-signature: v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>},
 * where the key is the base64 text after the secret's {@code whsec_} prefix, decoded; a header may
 * carry several space-separated signatures (key rotation), one valid one suffices.
 *
 * <h2>Sorted key, timestamp and nonce (the reference product's scheme)</h2>
 *
 * <p>The three strings key, timestamp and nonce are sorted ({@code Arrays.sort}, i.e. by UTF-16
 * code unit), concatenated, all whitespace ({@code \s}) removed, and signed with {@code
 * HmacSHA256Hex(key, that)}: lower-case hex, key used as its UTF-8 bytes. This reproduces the
 * reference's published {@code makeSignature} exactly. Note that it covers neither the body nor the
 * URL: it proves only that the sender knows the key, and relies on TLS and the nonce's single use
 * for the rest.
 */
public final class WebhookSignatures {

  /** The prefix of a Standard Webhooks secret. */
  public static final String SECRET_PREFIX = "whsec_";

  /** Fewest key bytes the Standard Webhooks specification allows. */
  public static final int MIN_KEY_BYTES = 24;

  private WebhookSignatures() {}

  /**
   * The HMAC key of a Standard Webhooks secret {@code whsec_<base64>}.
   *
   * @throws IllegalArgumentException if it lacks the prefix, is not base64 or is shorter than 24
   *     bytes; the message never contains the secret
   */
  public static byte[] standardKey(String secret) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("a Standard Webhooks secret starts with " + SECRET_PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the secret after " + SECRET_PREFIX + " is not base64");
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the secret is " + key.length + " bytes, at least " + MIN_KEY_BYTES + " are required");
    }
    return key;
  }

  /** The {@code webhook-signature} header value, {@code v1,<base64>}. */
  public static String standard(byte[] key, String id, long timestamp, byte[] body) {
    return "v1," + Base64.getEncoder().encodeToString(standardMac(key, id, timestamp, body));
  }

  /** True when one of the header's {@code v1} signatures matches. */
  public static boolean verifyStandard(
      byte[] key, String id, long timestamp, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    byte[] expected = standardMac(key, id, timestamp, body);
    boolean match = false;
    for (String candidate : header.trim().split(" +")) {
      if (!candidate.startsWith("v1,")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(candidate.substring(3));
      } catch (IllegalArgumentException e) {
        continue;
      }
      match |= MessageDigest.isEqual(expected, given);
    }
    return match;
  }

  /** The reference scheme's signature: lower-case hex. */
  public static String sorted(String key, String timestamp, String nonce) {
    String[] parts = {key, timestamp, nonce};
    Arrays.sort(parts);
    String text = String.join("", parts).replaceAll("\\s+", "");
    return HexFormat.of().formatHex(hmac(key.getBytes(StandardCharsets.UTF_8), text));
  }

  /** True when {@code given} is the reference scheme's signature (hex, any letter case). */
  public static boolean verifySorted(String key, String timestamp, String nonce, String given) {
    if (given == null) {
      return false;
    }
    byte[] expected = sorted(key, timestamp, nonce).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(
        expected, given.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] standardMac(byte[] key, String id, long timestamp, byte[] body) {
    Mac mac = mac(key);
    mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    return mac.doFinal(body);
  }

  private static byte[] hmac(byte[] key, String text) {
    return mac(key).doFinal(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }
}
