package io.cairn.web.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.event.EventIngestion;
import io.cairn.engine.event.EventSource;
import io.cairn.engine.event.IngestReport;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Event ingestion, authenticated by a source's write key ({@code Authorization: Bearer …}): 200
 * with one result per item once the accepted ones are durable; 400 when the body is not an array
 * of 1 to 100 events.
 */
@RestController
class EventController {

  private final EventIngestion ingestion;

  EventController(EventIngestion ingestion) {
    this.ingestion = ingestion;
  }

  @PostMapping("/api/events")
  IngestReport ingest(@AuthenticationPrincipal EventSource source, @RequestBody JsonNode events) {
    return ingestion.ingest(source, events);
  }
}
