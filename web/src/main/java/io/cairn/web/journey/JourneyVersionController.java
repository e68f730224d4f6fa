package io.cairn.web.journey;

import io.cairn.engine.journey.JourneyVersion;
import io.cairn.engine.journey.JourneyVersions;
import io.cairn.engine.journey.MigrationPolicy;
import io.cairn.engine.journey.MigrationReport;
import io.cairn.engine.problem.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import io.cairn.engine.workspace.Owned;
import io.cairn.web.security.CurrentWorkspace;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Versions of a started journey: publish a new BPMN with a policy for users in flight (STAY or
 * MIGRATE), list versions, preview where the users in flight would go, apply the migration.
 */
@RestController
@RequestMapping("/api/journeys/{id}/versions")
class JourneyVersionController {

  private static final int MAX_BPMN_BYTES = 2 * 1024 * 1024;

  private final JourneyVersions versions;

  private final CurrentWorkspace workspace;

  JourneyVersionController(JourneyVersions versions, CurrentWorkspace workspace) {
    this.versions = versions;
    this.workspace = workspace;
  }

  /** Every route here names a journey: one of another workspace answers 404. */
  @ModelAttribute
  void inWorkspace(@PathVariable long id) {
    workspace.require(Owned.JOURNEY, id);
  }

  /** {@code curl --data-binary @journey.bpmn -H 'Content-Type: application/xml' …?policy=MIGRATE} */
  @PostMapping(
      consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE, "application/bpmn+xml"})
  ResponseEntity<JourneyVersion> publishRaw(
      @PathVariable long id, @RequestParam("policy") String policy, InputStream body)
      throws IOException {
    return created(versions.publish(id, readLimited(body), policy(policy)));
  }

  /** {@code curl -F file=@journey.bpmn -F policy=STAY …/versions} */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<JourneyVersion> publishMultipart(
      @PathVariable long id,
      @RequestPart("file") MultipartFile file,
      @RequestParam("policy") String policy)
      throws IOException {
    try (InputStream in = file.getInputStream()) {
      return created(versions.publish(id, readLimited(in), policy(policy)));
    }
  }

  /** Oldest first; {@code current} marks the one new runs and entries use. */
  @GetMapping
  List<JourneyVersion> list(@PathVariable long id) {
    return versions.list(id);
  }

  /** Where the users in flight would go if the version were applied now; changes nothing. */
  @PostMapping("/{version}/preview")
  MigrationReport preview(@PathVariable long id, @PathVariable int version) {
    return versions.preview(id, version);
  }

  /** Moves the users in flight that can move (MIGRATE versions only) and records what moved. */
  @PostMapping("/{version}/apply")
  MigrationReport apply(@PathVariable long id, @PathVariable int version) {
    return versions.apply(id, version);
  }

  private static MigrationPolicy policy(String value) {
    try {
      return MigrationPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "invalid-version", "policy", "policy is STAY or MIGRATE, not \"" + value + "\"");
    }
  }

  private static ResponseEntity<JourneyVersion> created(JourneyVersion v) {
    return ResponseEntity.created(
            URI.create("/api/journeys/" + v.journeyId() + "/versions/" + v.version()))
        .body(v);
  }

  private static byte[] readLimited(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BPMN_BYTES + 1);
    if (bytes.length > MAX_BPMN_BYTES) {
      throw new InvalidInputException("invalid-bpmn", "bpmn", "the BPMN file exceeds 2 MB");
    }
    return bytes;
  }
}
