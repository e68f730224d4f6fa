package io.cairn.connectors.ads;

import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One member of an upload: its idempotency key and the hash of its identity. */
record HashedMember(String key, String hash) {

  /**
   * Hashes every message's address for the platform; a message whose address is not a valid
   * identity of the type gets {@link Outcome.Rejected} {@code invalid-identity} in {@code out}.
   */
  static List<HashedMember> of(
      List<OutboundMessage> messages,
      AdPlatform platform,
      IdType type,
      String defaultCallingCode,
      Map<String, Outcome> out) {
    List<HashedMember> members = new ArrayList<>(messages.size());
    for (OutboundMessage m : messages) {
      try {
        members.add(
            new HashedMember(
                m.idempotencyKey(), platform.hash(type, m.address(), defaultCallingCode)));
      } catch (IllegalArgumentException e) {
        out.put(
            m.idempotencyKey(),
            new Outcome.Rejected("invalid-identity", type.code() + ": " + e.getMessage()));
      }
    }
    return members;
  }

  static List<List<HashedMember>> chunks(List<HashedMember> members, int size) {
    List<List<HashedMember>> chunks = new ArrayList<>();
    for (int from = 0; from < members.size(); from += size) {
      chunks.add(members.subList(from, Math.min(members.size(), from + size)));
    }
    return chunks;
  }

  static void putAll(Map<String, Outcome> out, List<HashedMember> members, Outcome outcome) {
    members.forEach(m -> out.put(m.key(), outcome));
  }

  /**
   * A positive 63-bit id derived from the members' keys, order-independent, so that the same batch
   * sent again gets the same id.
   */
  static long sessionId(List<HashedMember> members) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      members.stream()
          .map(HashedMember::key)
          .sorted()
          .forEach(
              k -> {
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
              });
      long id = ByteBuffer.wrap(sha.digest()).getLong() & Long.MAX_VALUE;
      return id == 0 ? 1 : id;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String shorten(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200);
  }

  @Override
  public String toString() {
    return "HashedMember[" + key + "]";
  }
}
