package io.cairn.engine.profile.internal;

import io.cairn.connectors.channel.IdType;
import io.cairn.engine.profile.IdForm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Validation, normalisation and hashing of identity values (the rules are documented on {@link
 * io.cairn.engine.profile.IdentityDirectory}). Messages never contain the value: it is PII and
 * import errors end up in responses and logs.
 */
public final class Identities {

  private static final HexFormat HEX = HexFormat.of();

  private Identities() {}

  /** The stored RAW form of an imported value; {@link IllegalArgumentException} when invalid. */
  public static String normalise(IdType type, String raw) {
    String v = raw.trim();
    if (v.length() > 320) {
      throw new IllegalArgumentException("longer than 320 characters");
    }
    return switch (type) {
      case MOBILE -> {
        String digits = v.replaceAll("[\\s\\-().]", "");
        if (!digits.matches("\\+?[0-9]{5,20}")) {
          throw new IllegalArgumentException("not a mobile number");
        }
        yield digits;
      }
      case EMAIL -> {
        int at = v.indexOf('@');
        if (at < 1 || at != v.lastIndexOf('@') || at == v.length() - 1 || v.contains(" ")) {
          throw new IllegalArgumentException("not an email address");
        }
        yield v.substring(0, at) + "@" + v.substring(at + 1).toLowerCase(Locale.ROOT);
      }
      default -> {
        if (v.isEmpty()) {
          throw new IllegalArgumentException("empty");
        }
        yield v;
      }
    };
  }

  /**
   * The canonical form that is hashed, from a RAW value as {@link #normalise} returns it. Hashes
   * only match across sources when both hash the same bytes, so this follows the ad platforms'
   * customer-list rules: emails lower-cased; mobiles as {@code +} and digits, an international
   * {@code 00} prefix becoming {@code +} (E.164); device ids lower-cased.
   */
  static String canonical(IdType type, String normalised) {
    return switch (type) {
      case EMAIL -> normalised.toLowerCase(Locale.ROOT);
      case MOBILE -> normalised.startsWith("00") ? "+" + normalised.substring(2) : normalised;
      case IMEI, IDFA, OAID -> normalised.toLowerCase(Locale.ROOT);
      case OPENID, UNIONID -> normalised;
    };
  }

  /** Lower-case hex SHA-256 of the canonical form of a RAW value. */
  public static String sha256(IdType type, String normalised) {
    return digest("SHA-256", canonical(type, normalised));
  }

  /** A hashed value from an import or a lookup, lower-cased; {@link IllegalArgumentException} when not hex of the form's length. */
  public static String hex(IdForm form, String cell) {
    String v = cell.trim().toLowerCase(Locale.ROOT);
    if (v.length() != form.hexLength() || !v.chars().allMatch(Identities::isHexDigit)) {
      throw new IllegalArgumentException(
          "not a " + form.code() + " digest (" + form.hexLength() + " hex characters)");
    }
    return v;
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  private static String digest(String algorithm, String value) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      return HEX.formatHex(md.digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
    }
  }
}
