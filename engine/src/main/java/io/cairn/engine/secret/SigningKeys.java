package io.cairn.engine.secret;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Cairn's own HMAC keys (unsubscribe links, short-link tokens), one per name: 32 random bytes made
 * on first use and kept in {@code cairn_secret}, so that every node and every restart signs and
 * verifies alike. Thread-safe; concurrent first uses, on one node or several, agree on one key.
 */
@Component
public class SigningKeys {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

  SigningKeys(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * HMAC-SHA256 under the key {@code name} of {@code parts} (each followed by a zero byte except
   * the last), cut to {@code bytes}.
   */
  public byte[] tag(String name, int bytes, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keys.computeIfAbsent(name, this::load), "HmacSHA256"));
      for (int i = 0; i < parts.length; i++) {
        mac.update(parts[i]);
        if (i < parts.length - 1) {
          mac.update((byte) 0);
        }
      }
      return Arrays.copyOf(mac.doFinal(), bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM has no HmacSHA256", e);
    }
  }

  private byte[] load(String name) {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    try {
      jdbc.update(
          "INSERT INTO cairn_secret (name, secret, created_at) VALUES (?,?,?)",
          name,
          Base64.getEncoder().encodeToString(fresh),
          Timestamp.from(clock.instant()));
    } catch (DuplicateKeyException another) {
      // another thread or node created it first: use theirs
    }
    return Base64.getDecoder()
        .decode(
            jdbc.queryForObject(
                "SELECT secret FROM cairn_secret WHERE name = ?", String.class, name));
  }
}
