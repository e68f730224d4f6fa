package io.cairn.web.journey;

import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneySchedule;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.problem.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Journeys: upload a BPMN journey, start it, watch what happens. */
@RestController
@RequestMapping("/api/journeys")
class JourneyController {

  private static final int MAX_BPMN_BYTES = 2 * 1024 * 1024;

  private final JourneyService journeys;

  JourneyController(JourneyService journeys) {
    this.journeys = journeys;
  }

  /** A page of journeys, newest first. */
  record JourneyPage(List<Journey> items, long total, int page, int size) {}

  /** {@code curl -F file=@journey.bpmn -F name="Welcome" …/api/journeys} */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Journey> deployMultipart(
      @RequestPart("file") MultipartFile file, @RequestParam("name") String name)
      throws IOException {
    try (InputStream in = file.getInputStream()) {
      return created(journeys.deploy(name, readLimited(in)));
    }
  }

  /** {@code curl --data-binary @journey.bpmn -H 'Content-Type: application/xml' …?name=Welcome} */
  @PostMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE, "application/bpmn+xml"})
  ResponseEntity<Journey> deployRaw(@RequestParam("name") String name, InputStream body)
      throws IOException {
    return created(journeys.deploy(name, readLimited(body)));
  }

  @GetMapping
  JourneyPage list(
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    if (page < 0 || size < 1 || size > 200) {
      throw new InvalidInputException(
          "invalid-paging", "size", "page ≥ 0 and 1 ≤ size ≤ 200 are required");
    }
    return new JourneyPage(journeys.list(page, size), journeys.count(), page, size);
  }

  @GetMapping("/{id}")
  Journey get(@PathVariable long id) {
    return journeys.get(id);
  }

  /** Starts a run now; the audience is in the ledger when this returns, delivery continues. */
  @PostMapping("/{id}/start")
  Journey start(@PathVariable long id) {
    return journeys.start(id);
  }

  /** The current run finishes; no period starts until resumed (audience journeys). */
  @PostMapping("/{id}/pause")
  Journey pause(@PathVariable long id) {
    return journeys.pause(id);
  }

  /** Continues a paused journey with the next period from now. */
  @PostMapping("/{id}/resume")
  Journey resume(@PathVariable long id) {
    return journeys.resume(id);
  }

  /** Irreversible: no new run; runs in progress are cancelled, the ledger still sends. */
  @PostMapping("/{id}/stop")
  Journey stop(@PathVariable long id) {
    return journeys.stop(id);
  }

  /** The audience entry's schedule and when its next period is due. */
  @GetMapping("/{id}/schedule")
  JourneySchedule schedule(@PathVariable long id) {
    return journeys.schedule(id);
  }

  private static ResponseEntity<Journey> created(Journey journey) {
    return ResponseEntity.created(URI.create("/api/journeys/" + journey.id())).body(journey);
  }

  private static byte[] readLimited(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BPMN_BYTES + 1);
    if (bytes.length > MAX_BPMN_BYTES) {
      throw new InvalidInputException("invalid-bpmn", "bpmn", "the BPMN file exceeds 2 MB");
    }
    return bytes;
  }
}
