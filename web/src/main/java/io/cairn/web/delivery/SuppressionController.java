package io.cairn.web.delivery;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.Suppressions;
import io.cairn.engine.problem.InvalidInputException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Per-channel suppression lists ({@code /api/suppressions}): addresses that no journey sends to.
 * Addresses travel in request bodies, never in URLs (URLs end up in access logs), and are never
 * shown back: the list holds masked hints.
 */
@RestController
@RequestMapping("/api/suppressions")
class SuppressionController {

  /**
   * An address of a channel.
   *
   * @param channel SMS, EMAIL, PUSH …
   * @param address the phone number, email address or device token, in any usual notation
   */
  record AddressRequest(Channel channel, String address) {
    @Override
    public String toString() {
      return "AddressRequest[" + channel + "]"; // the address is personal data
    }
  }

  private final Suppressions suppressions;

  SuppressionController(Suppressions suppressions) {
    this.suppressions = suppressions;
  }

  @GetMapping
  Suppressions.Page list(
      @RequestParam Channel channel,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    return suppressions.list(channel, page, size);
  }

  /** Adds an address: 201 when it is new, 200 when it was already suppressed. */
  @PostMapping
  ResponseEntity<Map<String, Object>> add(@RequestBody AddressRequest request) {
    check(request);
    boolean added = suppressions.add(request.channel(), request.address(), "api");
    return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK)
        .body(Map.of("channel", request.channel(), "suppressed", true, "added", added));
  }

  /** Lifts a suppression: 200 with {@code removed} telling whether there was one. */
  @PostMapping("/remove")
  Map<String, Object> remove(@RequestBody AddressRequest request) {
    check(request);
    boolean removed = suppressions.remove(request.channel(), request.address());
    return Map.of("channel", request.channel(), "removed", removed);
  }

  private static void check(AddressRequest request) {
    if (request.channel() == null) {
      throw new InvalidInputException("invalid-suppression", "channel", "channel is required");
    }
    if (request.address() == null || request.address().isBlank()) {
      throw new InvalidInputException("invalid-suppression", "address", "address is required");
    }
    if (request.address().length() > 320) {
      throw new InvalidInputException(
          "invalid-suppression", "address", "address is longer than 320 characters");
    }
  }
}
