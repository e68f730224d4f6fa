package io.cairn.engine.event.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Generates write keys and their stored hashes. */
public final class WriteKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private WriteKeys() {}

  /** A new key: {@code cwk_} and 256 random bits, URL-safe. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "cwk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** What lists show to tell keys apart. */
  static String hint(String key) {
    return key.substring(0, 8) + "…";
  }
}
