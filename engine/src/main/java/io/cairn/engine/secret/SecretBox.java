package io.cairn.engine.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Seals secrets that Cairn must read back (a webhook's signing secret) with AES-256-GCM, so that
 * the database alone never reveals them.
 *
 * <p>The key (32 bytes, base64) comes from {@code cairn.security.secrets-key}, i.e. the environment
 * variable {@code CAIRN_SECRETS_KEY}. The embedded installation (an H2 file database) without a
 * configured key keeps one in {@code <data dir>/secrets.key}, created on the first start and
 * announced in the log: back it up with the database. Elsewhere (MySQL) a missing key is reported
 * at start and every attempt to seal or open fails with {@link IllegalStateException}: nodes of a
 * cluster must share one key, so Cairn does not invent one.
 *
 * <p>Sealed form: {@code v1:<key id>:<base64 of 12-byte nonce + ciphertext + tag>}; the key id (8
 * hex characters of the key's SHA-256) tells which key sealed a value, so that a changed key fails
 * with a clear message instead of a bare tag mismatch. The purpose is authenticated data: a value
 * sealed for one purpose does not open for another. Thread-safe.
 */
@Service
public class SecretBox {

  static final String KEY_FILE = "secrets.key";
  private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key; // null when none is configured
  private final String keyId;

  SecretBox(
      @Value("${cairn.security.secrets-key:}") String configuredKey,
      @Value("${spring.datasource.url:}") String datasourceUrl,
      @Value("${cairn.data-dir:./data}") String dataDir) {
    byte[] raw;
    if (!configuredKey.isBlank()) {
      raw = decodeKey(configuredKey.strip(), "cairn.security.secrets-key (CAIRN_SECRETS_KEY)");
    } else if (datasourceUrl.startsWith("jdbc:h2:file:")) {
      raw = embeddedKey(Path.of(dataDir).resolve(KEY_FILE));
    } else {
      raw = null;
      log.warn(
          "No secrets key: webhooks cannot be created or used until CAIRN_SECRETS_KEY is set"
              + " (32 random bytes, base64, the same on every node)");
    }
    this.key = raw == null ? null : new SecretKeySpec(raw, "AES");
    this.keyId = raw == null ? null : keyId(raw);
  }

  /** A fresh random key in the form {@code cairn.security.secrets-key} expects. */
  public static String newKey() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  /**
   * Seals a secret.
   *
   * @param purpose what it is for, e.g. {@code webhook-secret}; needed again to open it
   * @throws IllegalStateException if no key is configured
   */
  public String seal(String plaintext, String purpose) {
    SecretKey k = requireKey();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return "v1:" + keyId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /**
   * Opens a sealed secret.
   *
   * @throws IllegalStateException if no key is configured, the value was sealed under another key
   *     or for another purpose, or was altered; the message never contains the secret
   */
  public String open(String sealed, String purpose) {
    SecretKey k = requireKey();
    String[] parts = sealed == null ? new String[0] : sealed.split(":", 3);
    if (parts.length != 3 || !parts[0].equals("v1")) {
      throw new IllegalStateException("not a sealed secret");
    }
    if (!parts[1].equals(keyId)) {
      throw new IllegalStateException(
          "secret was sealed under key "
              + parts[1]
              + " but the configured key is "
              + keyId
              + ": restore the original CAIRN_SECRETS_KEY");
    }
    try {
      byte[] in = Base64.getDecoder().decode(parts[2]);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("sealed secret does not open (altered or another purpose)");
    }
  }

  /** True when secrets can be sealed and opened. */
  public boolean isAvailable() {
    return key != null;
  }

  private SecretKey requireKey() {
    if (key == null) {
      throw new IllegalStateException(
          "no secrets key configured: set CAIRN_SECRETS_KEY (32 random bytes, base64)");
    }
    return key;
  }

  private static byte[] embeddedKey(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
          Files.writeString(
              file, newKey() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
          restrict(file);
          log.warn(
              "Generated the secrets key {} (it seals webhook secrets in the database). Back it up"
                  + " with the data directory, or set CAIRN_SECRETS_KEY to its content.",
              file.toAbsolutePath().normalize());
        } catch (FileAlreadyExistsException raced) {
          // another process created it first: use theirs
        }
      }
      return decodeKey(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the secrets key " + file, e);
    }
  }

  private static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: the data directory's own permissions protect it
    }
  }

  private static byte[] decodeKey(String text, String source) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/'));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(source + " is not base64");
    }
    if (raw.length != 32) {
      throw new IllegalStateException(
          source + " must be 32 bytes (base64 of 32 random bytes), is " + raw.length);
    }
    return raw;
  }

  private static String keyId(byte[] raw) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "SecretBox[key " + (keyId == null ? "none" : keyId) + "]";
  }
}
