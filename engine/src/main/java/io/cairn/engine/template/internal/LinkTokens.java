package io.cairn.engine.template.internal;

import io.cairn.engine.secret.SigningKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Per-recipient short-link URLs {@code <public-url>/s/<code>/<token>}. The token is the action
 * execution id and the entity id as unsigned varints followed by the first 10 bytes of
 * HMAC-SHA256(code, 0, varints), base64url: about 22 characters, which matters in an SMS. The MAC
 * covers the link code, so a token is valid for its own link only; 80 bits make guessing a valid
 * token for any recipient hopeless, and the ids inside say nothing without the key. The key is
 * generated once and kept in cairn_secret, like the unsubscribe links' key (a separate one, so
 * that neither kind of token can stand in for the other).
 */
@Component
public class LinkTokens {

  private static final String KEY_NAME = "short-link-tokens";
  private static final int TAG_BYTES = 10;
  private static final int MAX_TOKEN_CHARS = 64;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  /** What a valid token names. */
  public record Recipient(long actionId, int entityId) {}

  private final SigningKeys keys;
  private final String publicUrl;

  LinkTokens(SigningKeys keys, @Value("${cairn.public-url:http://localhost:8080}") String publicUrl) {
    this.keys = keys;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  /** The URL of link {@code code} for one recipient of one action execution. */
  public String url(String code, long actionId, int entityId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(24);
    varint(out, actionId);
    varint(out, Integer.toUnsignedLong(entityId));
    byte[] payload = out.toByteArray();
    out.writeBytes(tag(code, payload));
    return publicUrl + "/s/" + code + "/" + B64.encodeToString(out.toByteArray());
  }

  /** The recipient a token names, or empty when it is malformed or not signed for this code. */
  public Optional<Recipient> verify(String code, String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    byte[] raw;
    try {
      raw = B64D.decode(token);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    int[] pos = {0};
    long action = readVarint(raw, pos);
    long entity = action < 0 ? -1 : readVarint(raw, pos);
    if (entity < 0 || entity > 0xFFFF_FFFFL || raw.length - pos[0] != TAG_BYTES) {
      return Optional.empty();
    }
    byte[] payload = Arrays.copyOf(raw, pos[0]);
    byte[] given = Arrays.copyOfRange(raw, pos[0], raw.length);
    if (!MessageDigest.isEqual(tag(code, payload), given)) {
      return Optional.empty();
    }
    return Optional.of(new Recipient(action, (int) entity));
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** The next varint, or -1 when the bytes end early or it is longer than 9 bytes. */
  private static long readVarint(byte[] b, int[] pos) {
    long v = 0;
    for (int shift = 0; shift < 63; shift += 7) {
      if (pos[0] >= b.length) {
        return -1;
      }
      int x = b[pos[0]++] & 0xFF;
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    return -1;
  }

  private byte[] tag(String code, byte[] payload) {
    return keys.tag(KEY_NAME, TAG_BYTES, code.getBytes(StandardCharsets.UTF_8), payload);
  }

}
