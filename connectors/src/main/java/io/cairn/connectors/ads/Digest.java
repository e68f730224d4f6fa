package io.cairn.connectors.ads;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one-way hashes ad platforms take identities in: lower-case hex of the UTF-8 bytes. */
public enum Digest {
  MD5("MD5"),
  SHA256("SHA-256");

  private final String algorithm;

  Digest(String algorithm) {
    this.algorithm = algorithm;
  }

  /** Lower-case hex digest of {@code value}'s UTF-8 bytes. */
  public String hex(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
    }
  }
}
