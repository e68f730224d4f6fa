package io.cairn.engine.delivery;

import io.cairn.connectors.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Addresses that must not receive a channel's messages: STOP replies, unsubscribes and manual
 * entries. The dispatcher checks every recipient against this list when it sends, so an address
 * added now is honoured by messages already queued. Only a SHA-256 of the normalised address and a
 * masked hint are stored.
 *
 * <p>Thread-safe; adding and removing are idempotent.
 */
@Service
public class Suppressions {

  /** Addresses checked per query. */
  private static final int CHUNK = 500;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  Suppressions(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * One suppressed address, as people may see it.
   *
   * @param hint the address masked (e.g. {@code +861*******01}, {@code a***@example.com})
   * @param source who suppressed it: {@code api}, {@code stop-reply}, {@code unsubscribe} …
   */
  public record Suppressed(
      Channel channel, String hint, String source, java.time.Instant createdAt) {}

  /** A page of suppressions, newest first. */
  public record Page(List<Suppressed> items, long total, int page, int size) {}

  /**
   * Suppresses an address for a channel.
   *
   * @return false when it was already suppressed (the first entry is kept)
   * @throws IllegalArgumentException when the address is blank
   */
  public boolean add(Channel channel, String address, String source) {
    String normal = normalise(channel, address);
    return insert(channel, sha256(normal), hint(normal), source);
  }

  /**
   * Suppresses an address known only by its hash (from an unsubscribe link, which never carries
   * the address); returns false when it was already suppressed.
   */
  boolean addHashed(Channel channel, String addressHash, String source) {
    return insert(channel, addressHash, "(from a link)", source);
  }

  private boolean insert(Channel channel, String hash, String hint, String source) {
    try {
      jdbc.update(
          "INSERT INTO cairn_suppression (channel, address_hash, hint, source, created_at)"
              + " VALUES (?,?,?,?,?)",
          channel.name(),
          hash,
          hint,
          source,
          Timestamp.from(clock.instant()));
      return true;
    } catch (DuplicateKeyException already) {
      return false;
    }
  }

  /** Lifts a suppression; returns whether there was one. */
  public boolean remove(Channel channel, String address) {
    return jdbc.update(
            "DELETE FROM cairn_suppression WHERE channel = ? AND address_hash = ?",
            channel.name(),
            sha256(normalise(channel, address)))
        > 0;
  }

  public boolean isSuppressed(Channel channel, String address) {
    return !suppressedAmong(channel, List.of(address)).isEmpty();
  }

  /** The addresses of {@code addresses} (as given) that are suppressed for the channel. */
  public Set<String> suppressedAmong(Channel channel, Collection<String> addresses) {
    Map<String, List<String>> byHash = new HashMap<>();
    for (String a : addresses) {
      if (a != null && !a.isBlank()) {
        byHash.computeIfAbsent(sha256(normalise(channel, a)), h -> new ArrayList<>()).add(a);
      }
    }
    Set<String> out = new HashSet<>();
    List<String> hashes = new ArrayList<>(byHash.keySet());
    for (int from = 0; from < hashes.size(); from += CHUNK) {
      List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + CHUNK));
      List<Object> args = new ArrayList<>(chunk.size() + 1);
      args.add(channel.name());
      args.addAll(chunk);
      jdbc.query(
          "SELECT address_hash FROM cairn_suppression WHERE channel = ? AND address_hash IN ("
              + "?,".repeat(chunk.size() - 1)
              + "?)",
          rs -> {
            out.addAll(byHash.get(rs.getString(1)));
          },
          args.toArray());
    }
    return out;
  }

  /** Suppressions of a channel, newest first; {@code page} from 0. */
  public Page list(Channel channel, int page, int size) {
    Long total =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_suppression WHERE channel = ?", Long.class, channel.name());
    List<Suppressed> items =
        jdbc.query(
            "SELECT hint, source, created_at FROM cairn_suppression WHERE channel = ?"
                + " ORDER BY created_at DESC, address_hash LIMIT ? OFFSET ?",
            (rs, i) ->
                new Suppressed(
                    channel, rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()),
            channel.name(),
            size,
            (long) page * size);
    return new Page(items, total == null ? 0 : total, page, size);
  }

  /**
   * The form under which an address is matched: email addresses trimmed and lower-cased, phone
   * numbers reduced to digits and a leading {@code +}, other addresses trimmed.
   */
  static String normalise(Channel channel, String address) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("address must not be blank");
    }
    String a = address.strip();
    return switch (channel) {
      case EMAIL -> a.toLowerCase(Locale.ROOT);
      case SMS -> (a.startsWith("+") ? "+" : "") + a.replaceAll("[^0-9]", "");
      default -> a;
    };
  }

  /** An address masked for display: the first and last characters, or the first and the domain. */
  static String hint(String normal) {
    int at = normal.indexOf('@');
    String masked;
    if (at > 0) {
      masked = normal.charAt(0) + "***" + normal.substring(at);
    } else if (normal.length() <= 6) {
      masked = "***";
    } else {
      masked =
          normal.substring(0, 3)
              + "*".repeat(normal.length() - 5)
              + normal.substring(normal.length() - 2);
    }
    return masked.length() > 64 ? masked.substring(0, 61) + "***" : masked;
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
