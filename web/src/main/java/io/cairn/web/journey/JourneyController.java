package io.cairn.web.journey;

import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneySchedule;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.workspace.Owned;
import io.cairn.web.security.CurrentWorkspace;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Journeys: upload a BPMN journey, start it, watch what happens, copy, delete. Every route works in
 * the request's workspace ({@link CurrentWorkspace}): another workspace's journey answers 404.
 */
@RestController
@RequestMapping("/api/journeys")
class JourneyController {

  private static final int MAX_BPMN_BYTES = 2 * 1024 * 1024;

  private final JourneyService journeys;
  private final CurrentWorkspace workspace;

  JourneyController(JourneyService journeys, CurrentWorkspace workspace) {
    this.journeys = journeys;
    this.workspace = workspace;
  }

  /** A page of journeys, newest first. */
  record JourneyPage(List<Journey> items, long total, int page, int size) {}

  /** {@code curl -F file=@journey.bpmn -F name="Welcome" …/api/journeys} */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Journey> deployMultipart(
      @RequestPart("file") MultipartFile file,
      @RequestParam("name") String name,
      @RequestParam(defaultValue = "false") boolean draft)
      throws IOException {
    try (InputStream in = file.getInputStream()) {
      return created(save(name, readLimited(in), draft));
    }
  }

  /** {@code curl --data-binary @journey.bpmn -H 'Content-Type: application/xml' …?name=Welcome} */
  @PostMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE, "application/bpmn+xml"})
  ResponseEntity<Journey> deployRaw(
      @RequestParam("name") String name,
      @RequestParam(defaultValue = "false") boolean draft,
      InputStream body)
      throws IOException {
    return created(save(name, readLimited(body), draft));
  }

  /**
   * Without {@code draft} an invalid journey is refused (400, every problem by element id); with
   * {@code ?draft=true} it is kept INCOMPLETE with its problems ({@code GET …/problems}).
   */
  private Journey save(String name, byte[] bpmn, boolean draft) {
    return draft
        ? journeys.saveDraft(workspace.id(), name, bpmn)
        : journeys.deploy(workspace.id(), name, bpmn);
  }

  /** Replaces the diagram of a journey not started yet; 409 once started (publish a version). */
  @PutMapping(
      path = "/{id}",
      consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE, "application/bpmn+xml"})
  Journey edit(@PathVariable long id, InputStream body) throws IOException {
    workspace.require(Owned.JOURNEY, id);
    return journeys.edit(id, readLimited(body));
  }

  /** What keeps an INCOMPLETE journey from starting, by element id; empty for the others. */
  @GetMapping("/{id}/problems")
  List<Violation> problems(@PathVariable long id) {
    workspace.require(Owned.JOURNEY, id);
    return journeys.problems(id);
  }

  @GetMapping
  JourneyPage list(
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    if (page < 0 || size < 1 || size > 200) {
      throw new InvalidInputException(
          "invalid-paging", "size", "page ≥ 0 and 1 ≤ size ≤ 200 are required");
    }
    long ws = workspace.id();
    return new JourneyPage(journeys.list(ws, page, size), journeys.count(ws), page, size);
  }

  @GetMapping("/{id}")
  Journey get(@PathVariable long id) {
    workspace.require(Owned.JOURNEY, id);
    return journeys.get(id);
  }

  /** Starts a run now; the audience is in the ledger when this returns, delivery continues. */
  @PostMapping("/{id}/start")
  Journey start(@PathVariable long id) {
    workspace.require(Owned.JOURNEY, id);
    return journeys.start(id);
  }

  /** The current run finishes; no period starts until resumed (audience journeys). */
  @PostMapping("/{id}/pause")
  Journey pause(@PathVariable long id) {
    workspace.require(Owned.JOURNEY, id);
    return journeys.pause(id);
  }

  /** Continues a paused journey with the next period from now. */
  @PostMapping("/{id}/resume")
  Journey resume(@PathVariable long id) {
    workspace.require(Owned.JOURNEY, id);
    return journeys.resume(id);
  }

  /** Irreversible: no new run; runs in progress are cancelled, the ledger still sends. */
  @PostMapping("/{id}/stop")
  Journey stop(@PathVariable long id) {
    workspace.require(Owned.JOURNEY, id);
    return journeys.stop(id);
  }

  /** The audience entry's schedule and when its next period is due. */
  @GetMapping("/{id}/schedule")
  JourneySchedule schedule(@PathVariable long id) {
    workspace.require(Owned.JOURNEY, id);
    return journeys.schedule(id);
  }

  /** A new NOT_STARTED journey with the same diagram, named "{@code <name> (copy)}". */
  @PostMapping("/{id}/copy")
  ResponseEntity<Journey> copy(@PathVariable long id) {
    workspace.require(Owned.JOURNEY, id);
    return created(journeys.copy(id));
  }

  /** 204; 409 {@code journey-active} while it is PENDING or RUNNING. */
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    workspace.require(Owned.JOURNEY, id);
    journeys.delete(id);
    return ResponseEntity.noContent().build();
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
