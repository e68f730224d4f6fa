package io.cairn.engine.delivery;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.secret.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Per-recipient unsubscribe links: {@code <public-url>/api/unsubscribe?t=<token>}, where the token
 * names the channel and the SHA-256 of the recipient's normalised address and is signed with
 * HMAC-SHA256 under a key Cairn generates once and keeps in its database. The link never contains
 * the address itself, and it does not expire (a link in an old message must still work).
 * Following a valid link adds the address to the channel's suppression list.
 *
 * <p>Thread-safe.
 */
@Service
public class UnsubscribeLinks {

  private static final String KEY_NAME = "unsubscribe-links";
  private static final int TAG_BYTES = 16;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final SigningKeys keys;
  private final Suppressions suppressions;
  private final String publicUrl;

  UnsubscribeLinks(
      SigningKeys keys,
      Suppressions suppressions,
      @Value("${cairn.public-url:http://localhost:8080}") String publicUrl) {
    this.keys = keys;
    this.suppressions = suppressions;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  /** The link that unsubscribes {@code address} from {@code channel}. */
  public String linkFor(Channel channel, String address) {
    String payload =
        channel.name() + ":" + Suppressions.sha256(Suppressions.normalise(channel, address));
    return publicUrl + "/api/unsubscribe?t=" + token(payload);
  }

  /**
   * Suppresses the address a token names.
   *
   * @return the channel, or empty when the token is malformed or its signature is wrong
   */
  public Optional<Channel> unsubscribe(String token) {
    Optional<String> payload = verify(token);
    if (payload.isEmpty()) {
      return Optional.empty();
    }
    int colon = payload.get().indexOf(':');
    Channel channel;
    try {
      channel = Channel.valueOf(payload.get().substring(0, colon));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
    suppressions.addHashed(channel, payload.get().substring(colon + 1), "unsubscribe-link");
    return Optional.of(channel);
  }

  private String token(String payload) {
    byte[] p = payload.getBytes(StandardCharsets.US_ASCII);
    return B64.encodeToString(p) + "." + B64.encodeToString(tag(p));
  }

  private Optional<String> verify(String token) {
    if (token == null || token.length() > 256) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    try {
      byte[] payload = B64D.decode(token.substring(0, dot));
      byte[] given = B64D.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(tag(payload), given)) {
        return Optional.empty();
      }
      return Optional.of(new String(payload, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  private byte[] tag(byte[] payload) {
    return keys.tag(KEY_NAME, TAG_BYTES, payload);
  }

}
