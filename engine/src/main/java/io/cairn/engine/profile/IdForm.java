package io.cairn.engine.profile;

import io.cairn.engine.problem.InvalidInputException;
import java.util.Locale;

/**
 * The form an identity value is stored in. Hashed forms are lower-case hex digests of the value's
 * canonical form (see {@link IdentityDirectory}); sources that only hold hashes import them in
 * CSV columns named {@code <idType>_sha256} or {@code <idType>_md5}.
 */
public enum IdForm {
  /** The value as imported (lightly normalised: see {@link IdentityDirectory}). */
  RAW,
  /** SHA-256 of the canonical form, 64 lower-case hex characters. */
  SHA256,
  /** MD5 of the canonical form, 32 lower-case hex characters. */
  MD5;

  /** The lower-case code used in the API, CSV column suffixes and the database. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Length of a hex digest of this form; 0 for {@link #RAW}. */
  public int hexLength() {
    return switch (this) {
      case RAW -> 0;
      case SHA256 -> 64;
      case MD5 -> 32;
    };
  }

  /**
   * Parses a code case-insensitively; {@code null} or blank means {@link #RAW}.
   *
   * @throws InvalidInputException naming {@code field} when the code is unknown
   */
  public static IdForm parse(String code, String field) {
    if (code == null || code.isBlank()) {
      return RAW;
    }
    for (IdForm f : values()) {
      if (f.code().equalsIgnoreCase(code.trim())) {
        return f;
      }
    }
    throw new InvalidInputException(
        "invalid-identity", field, field + " must be one of raw, sha256, md5");
  }
}
