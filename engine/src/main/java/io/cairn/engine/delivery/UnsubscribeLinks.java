package io.cairn.engine.delivery;

import io.cairn.connectors.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
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

  private final JdbcTemplate jdbc;
  private final Suppressions suppressions;
  private final Clock clock;
  private final String publicUrl;
  private volatile byte[] key;

  UnsubscribeLinks(
      JdbcTemplate jdbc,
      Suppressions suppressions,
      Clock clock,
      @Value("${cairn.public-url:http://localhost:8080}") String publicUrl) {
    this.jdbc = jdbc;
    this.suppressions = suppressions;
    this.clock = clock;
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
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM has no HmacSHA256", e);
    }
  }

  /** The signing key: generated once, stored, then cached; concurrent first uses agree. */
  private byte[] key() {
    byte[] k = key;
    if (k != null) {
      return k;
    }
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    try {
      jdbc.update(
          "INSERT INTO cairn_secret (name, secret, created_at) VALUES (?,?,?)",
          KEY_NAME,
          Base64.getEncoder().encodeToString(fresh),
          Timestamp.from(clock.instant()));
    } catch (DuplicateKeyException another) {
      // another thread or node created it first: use theirs
    }
    k =
        Base64.getDecoder()
            .decode(
                jdbc.queryForObject(
                    "SELECT secret FROM cairn_secret WHERE name = ?", String.class, KEY_NAME));
    key = k;
    return k;
  }
}
