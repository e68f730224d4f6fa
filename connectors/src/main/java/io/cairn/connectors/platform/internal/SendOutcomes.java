package io.cairn.connectors.platform.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the answer to one {@code sendBatch} call onto the outcome of each message in it, the same
 * way for SMS and email (the rules are in {@code SmsPlatformConnector}'s documentation).
 */
public final class SendOutcomes {

  private SendOutcomes() {}

  /** The outcome of every message of a request that got {@code reply}. */
  public static Map<String, Outcome> of(
      List<OutboundMessage> sent, PlatformHttp.Reply reply, PlatformHttp http) {
    if (reply.failure() != null) {
      return all(sent, transportOutcome(reply));
    }
    JsonNode answer = reply.answer();
    if (http.fromAnotherPlatform(answer)) {
      // Something answered 2xx and may have sent the batch: never resend it automatically.
      return all(sent, new Outcome.Ambiguous("answer from another platform than configured"));
    }
    if (!PlatformHttp.OK.equals(reply.code())) {
      String code = reply.code().isEmpty() ? "no-code" : PlatformHttp.shorten(reply.code());
      return all(sent, new Outcome.Rejected(code, reply.message()));
    }
    String bizId = answer.path("bizId").asText(null);
    Map<String, JsonNode> rejected = new HashMap<>();
    for (JsonNode r : answer.path("rejected")) {
      if (r.path("outId").isTextual()) {
        rejected.putIfAbsent(r.get("outId").asText(), r);
      }
    }
    Map<String, Outcome> out = new LinkedHashMap<>();
    for (OutboundMessage m : sent) {
      JsonNode r = rejected.get(m.idempotencyKey());
      out.put(
          m.idempotencyKey(),
          r == null
              ? new Outcome.Sent(bizId)
              : new Outcome.Rejected(
                  PlatformHttp.shorten(r.path("code").asText("rejected")),
                  PlatformHttp.shorten(r.path("message").asText(""))));
    }
    return out;
  }

  private static Outcome transportOutcome(PlatformHttp.Reply reply) {
    return switch (reply.failure()) {
      case NOT_SENT -> new Outcome.Retryable("platform not reached");
      case NO_ANSWER -> new Outcome.Ambiguous("no answer from platform");
      case UNREADABLE -> new Outcome.Ambiguous("unreadable platform answer");
      case STATUS ->
          reply.status() == 429 || reply.status() >= 500
              ? new Outcome.Retryable("platform answered HTTP " + reply.status())
              : new Outcome.Rejected(
                  String.valueOf(reply.status()),
                  "platform refused the batch: HTTP " + reply.status());
    };
  }

  private static Map<String, Outcome> all(List<OutboundMessage> messages, Outcome outcome) {
    Map<String, Outcome> out = new LinkedHashMap<>();
    messages.forEach(m -> out.put(m.idempotencyKey(), outcome));
    return out;
  }

  /**
   * The batch's own {@code outId}: a hash of its messages' keys, order-independent, so that the
   * same messages sent again give the same id however the ledger re-batched them.
   */
  public static String batchOutId(List<OutboundMessage> messages) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      messages.stream()
          .map(OutboundMessage::idempotencyKey)
          .sorted()
          .forEach(
              key -> {
                sha.update(key.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
              });
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
