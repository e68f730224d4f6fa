package io.cairn.web.delivery;

import io.cairn.engine.delivery.Delivery;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.delivery.DeliveryQuery;
import io.cairn.engine.delivery.DeliveryStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery ledger's rows ({@code GET /api/deliveries?journeyId=&actionId=&status=&externalId=
 * &entityType=&page=&size=}): who got what, who did not and why. Addresses are masked.
 */
@RestController
class DeliveryController {

  private final DeliveryLedger ledger;

  DeliveryController(DeliveryLedger ledger) {
    this.ledger = ledger;
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
}
