package io.cairn.web.delivery;

import io.cairn.engine.delivery.SmsReplies;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the SMS provider posts the replies it receives ({@code POST /api/channels/sms/replies},
 * {@code {"replies":[{"from":"+86…","text":"T"}]}}, at most 1,000 per request). The provider
 * authenticates with {@code Authorization: Bearer <cairn.channels.sms.reply-token>}; without a
 * configured token the endpoint does not exist (404). Replies that are stop words suppress the
 * sender at once: the next batch the dispatcher sends already leaves them out.
 */
@RestController
class SmsReplyController {

  /** One reply; its text and number are personal data and never logged. */
  record Reply(String from, String text) {
    @Override
    public String toString() {
      return "Reply[]";
    }
  }

  /** A provider's delivery of replies. */
  record Replies(List<Reply> replies) {}

  private final SmsReplies replies;
  private final byte[] token;

  SmsReplyController(
      SmsReplies replies, @Value("${cairn.channels.sms.reply-token:}") String token) {
    this.replies = replies;
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @PostMapping("/api/channels/sms/replies")
  ResponseEntity<?> receive(
      @RequestHeader(value = "Authorization", required = false) String authorization,
      @RequestBody Replies body) {
    if (token.length == 0) {
      // not enabled: answer as for any path that is not served
      throw new NotFoundException("endpoint", "/api/channels/sms/replies");
    }
    String given = authorization == null ? "" : authorization.replaceFirst("^Bearer ", "");
    if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
      ProblemDetail p =
          ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "The reply token is not valid");
      p.setType(URI.create("urn:cairn:problem:unauthenticated"));
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(p);
    }
    List<Reply> list = body == null || body.replies() == null ? List.of() : body.replies();
    if (list.size() > 1_000) {
      throw new InvalidInputException("invalid-replies", "replies", "at most 1000 replies per request");
    }
    for (int i = 0; i < list.size(); i++) {
      Reply r = list.get(i);
      if (r == null || r.from() == null || r.from().isBlank()) {
        // checked before any is handled: a refused request changes nothing
        throw new InvalidInputException(
            "invalid-replies", "replies[" + i + "].from", "the sender's number is required");
      }
    }
    int stopped = 0;
    for (Reply r : list) {
      stopped += replies.received(r.from(), r.text()) ? 1 : 0;
    }
    return ResponseEntity.ok(Map.of("received", list.size(), "stopped", stopped));
  }
}
