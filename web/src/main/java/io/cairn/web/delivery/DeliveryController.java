package io.cairn.web.delivery;

import io.cairn.engine.delivery.Delivery;
import io.cairn.engine.delivery.DeliveryIncident;
import io.cairn.engine.delivery.DeliveryIncidents;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.delivery.DeliveryQuery;
import io.cairn.engine.delivery.DeliveryStatus;
import io.cairn.engine.delivery.OutcomeSegment;
import io.cairn.engine.delivery.OutcomeSegmentRequest;
import io.cairn.engine.delivery.OutcomeSegments;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery ledger's rows ({@code GET /api/deliveries?journeyId=&actionId=&status=&externalId=
 * &entityType=&page=&size=}): who got what, who did not and why. Addresses are masked. Also the
 * ledger's incidents (recipients whose retries ran out) and their replay, and static segments made
 * of outcomes ({@code POST /api/deliveries/segments}).
 */
@RestController
class DeliveryController {

  private final DeliveryLedger ledger;
  private final DeliveryIncidents incidents;
  private final OutcomeSegments outcomeSegments;

  DeliveryController(
      DeliveryLedger ledger, DeliveryIncidents incidents, OutcomeSegments outcomeSegments) {
    this.ledger = ledger;
    this.incidents = incidents;
    this.outcomeSegments = outcomeSegments;
  }

  @GetMapping("/api/deliveries")
  Delivery.Page list(
      @RequestParam(required = false) Long journeyId,
      @RequestParam(required = false) Long actionId,
      @RequestParam(required = false) DeliveryStatus status,
      @RequestParam(required = false) @Size(max = 32) String entityType,
      @RequestParam(required = false) @Size(max = 255) String externalId,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    return ledger.deliveries(
        new DeliveryQuery(journeyId, actionId, status, entityType, externalId, page, size));
  }

  /** Recipients whose retries ran out, per action execution; open ones only by default. */
  @GetMapping("/api/deliveries/incidents")
  List<DeliveryIncident> incidents(
      @RequestParam(defaultValue = "true") boolean open,
      @RequestParam(required = false) Long journeyId) {
    return incidents.list(open, journeyId);
  }

  /** Puts an open incident's recipients back in the queue; 409 when it was replayed already. */
  @PostMapping("/api/deliveries/incidents/{id}/replay")
  Map<String, Object> replay(@PathVariable long id) {
    return Map.of("incident", id, "requeued", incidents.replay(id));
  }

  /**
   * A STATIC segment of the entities whose rows (of {@code actionId}, or of {@code journeyId} and
   * optionally its node {@code elementId}) have one of {@code statuses}: 201 with the segment, its
   * size (0 allowed) and the actions whose rows retention had deleted; 400 naming the field; 409
   * when every action in scope was purged.
   */
  @PostMapping("/api/deliveries/segments")
  @ResponseStatus(HttpStatus.CREATED)
  OutcomeSegment segment(@RequestBody OutcomeSegmentRequest request) {
    return outcomeSegments.create(request);
  }
}
