package io.cairn.engine.journey.internal;

import io.cairn.engine.profile.ProfileReader;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Component;

/**
 * The audience entry's "ids are AES-encrypted": the segment's members are entities whose external
 * ids are ciphertext (a partner or a warehouse that only hands out encrypted customer ids). At
 * entry each such id is decrypted with the organisation key and the entity with the plaintext id
 * enters in its place, so actions address the real customer's identities.
 *
 * <p>A member whose id does not decrypt (not ciphertext under the key) or decrypts to an id no
 * entity has does not enter; both are counted on the run ({@code undecryptable}, {@code
 * unmatched}). Neither the ciphertext nor the plaintext is ever logged or put in a message.
 */
@Component
class EncryptedAudience {

  private static final int CHUNK = 1_000;

  private final ProfileReader profiles;
  private final AudienceIdCipher cipher;

  EncryptedAudience(ProfileReader profiles, AudienceIdCipher cipher) {
    this.profiles = profiles;
    this.cipher = cipher;
  }

  /**
   * Who enters for an encrypted audience.
   *
   * @param members the entities that enter
   * @param undecryptable segment members whose external id did not decrypt
   * @param unmatched segment members whose decrypted id names no entity
   */
  record Decrypted(RoaringBitmap members, long undecryptable, long unmatched) {}

  Decrypted decrypt(String entityType, RoaringBitmap segmentMembers) {
    RoaringBitmap entering = new RoaringBitmap();
    long undecryptable = 0;
    long unmatched = 0;
    int[] all = segmentMembers.toArray();
    for (int from = 0; from < all.length; from += CHUNK) {
      int[] chunk = Arrays.copyOfRange(all, from, Math.min(all.length, from + CHUNK));
      Map<Integer, String> encrypted = profiles.externalIds(entityType, chunk);
      Set<String> plain = new HashSet<>();
      for (int id : chunk) {
        Optional<String> p = Optional.ofNullable(encrypted.get(id)).flatMap(cipher::decrypt);
        if (p.isEmpty()) {
          undecryptable++;
        } else {
          plain.add(p.get());
        }
      }
      Map<String, Integer> found = profiles.entityIds(entityType, plain);
      found.values().forEach(entering::add);
      // two ciphertexts of one id (fresh nonces) are one user entering once, not "unmatched"
      unmatched += plain.size() - found.size();
    }
    return new Decrypted(entering, undecryptable, unmatched);
  }
}
