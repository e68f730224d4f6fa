package io.cairn.engine.journey.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decrypts AES-encrypted audience ids with the organisation's one key, {@code
 * cairn.journeys.audience-key} (base64 of 16 or 32 bytes: AES-128 or AES-256; from the
 * environment, {@code CAIRN_JOURNEYS_AUDIENCE_KEY}). Cairn only decrypts, as the reference product
 * does; whoever exports the ids encrypts them.
 *
 * <p>Ciphertext form: base64 (standard alphabet, padding optional) of a 12-byte nonce followed by
 * the AES-GCM ciphertext and its 128-bit tag, no associated data; the plaintext is the id in UTF-8.
 * The reference leaves the mode open (its manual shows MySQL's {@code AES_ENCRYPT}, which is ECB);
 * GCM is chosen because it authenticates: a value encrypted under another key, truncated or
 * tampered with fails instead of decrypting to garbage that might name another user.
 *
 * <p>A configured key of the wrong length fails the start. Thread-safe (a cipher per call).
 */
@Component
class AudienceIdCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key; // null when none is configured

  AudienceIdCipher(@Value("${cairn.journeys.audience-key:}") String configured) {
    this.key = configured.isBlank() ? null : new SecretKeySpec(decodeKey(configured.strip()), "AES");
  }

  boolean configured() {
    return key != null;
  }

  /**
   * The plaintext id, or empty when the value is not ciphertext under this key (bad base64, too
   * short, tag mismatch, not UTF-8). Never throws for bad input and never puts the value in an
   * exception or log.
   */
  Optional<String> decrypt(String ciphertext) {
    if (key == null) {
      throw new IllegalStateException("cairn.journeys.audience-key is not configured");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(ciphertext.strip());
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (raw.length < NONCE_BYTES + TAG_BITS / 8 + 1) {
      return Optional.empty();
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
      byte[] plain = c.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
      String id =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(plain))
              .toString();
      return id.isBlank() ? Optional.empty() : Optional.of(id);
    } catch (GeneralSecurityException | CharacterCodingException notOurs) {
      return Optional.empty();
    }
  }

  private static byte[] decodeKey(String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("cairn.journeys.audience-key is not base64");
    }
    if (raw.length != 16 && raw.length != 32) {
      throw new IllegalStateException(
          "cairn.journeys.audience-key must be 16 or 32 bytes (AES-128 or AES-256), base64; it is "
              + raw.length
              + " bytes");
    }
    return raw;
  }
}
