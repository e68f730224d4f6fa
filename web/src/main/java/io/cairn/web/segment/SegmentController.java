package io.cairn.web.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.segment.Insight;
import io.cairn.engine.segment.Membership;
import io.cairn.engine.segment.NewSegment;
import io.cairn.engine.segment.Segment;
import io.cairn.engine.segment.SegmentDetails;
import io.cairn.engine.segment.SegmentEstimate;
import io.cairn.engine.segment.SegmentFilter;
import io.cairn.engine.segment.SegmentInsights;
import io.cairn.engine.segment.SegmentKind;
import io.cairn.engine.segment.SegmentLists;
import io.cairn.engine.segment.SegmentService;
import io.cairn.engine.segment.SegmentStatus;
import io.cairn.engine.workspace.Owned;
import io.cairn.web.security.CurrentWorkspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Segments: create (rule, set, sample, lookalike, custom list), estimate, redefine, refresh,
 * extend, delete, list, details, export, membership, insight. Every route works in the request's
 * workspace ({@link CurrentWorkspace}): another workspace's segment answers 404.
 */
@RestController
@RequestMapping("/api/segments")
class SegmentController {

  /** A rule to estimate. */
  record EstimateRequest(String entityType, JsonNode rule) {}

  /** A page of segments, newest first. */
  record SegmentPage(List<Segment> items, long total, int page, int size) {}

  /** A new expiry. */
  record Extension(String expiresAt) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SegmentService segments;
  private final SegmentLists lists;
  private final SegmentInsights insights;
  private final CurrentWorkspace workspace;

  SegmentController(
      SegmentService segments,
      SegmentLists lists,
      SegmentInsights insights,
      CurrentWorkspace workspace) {
    this.segments = segments;
    this.lists = lists;
    this.insights = insights;
    this.workspace = workspace;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Segment> create(@RequestBody NewSegment request) {
    Segment s = segments.create(workspace.id(), request);
    return ResponseEntity.created(URI.create("/api/segments/" + s.id())).body(s);
  }

  /** A custom list: multipart with {@code file} (CSV), {@code name}, {@code entityType}, optional {@code settings} JSON. */
  @PostMapping(path = "/list", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Segment> createList(
      @RequestParam String name,
      @RequestParam(defaultValue = "user") String entityType,
      @RequestParam(required = false) String settings,
      @RequestPart("file") MultipartFile file)
      throws IOException {
    JsonNode parsedSettings;
    try {
      parsedSettings = settings == null ? null : JSON.readTree(settings);
    } catch (IOException e) {
      throw new InvalidInputException("invalid-segment", "settings", "not valid JSON");
    }
    try (InputStream in = file.getInputStream()) {
      Segment s = lists.create(workspace.id(), name, entityType, parsedSettings, in);
      return ResponseEntity.created(URI.create("/api/segments/" + s.id())).body(s);
    }
  }

  @GetMapping(path = "/list-template", produces = "text/csv")
  ResponseEntity<String> listTemplate() {
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"segment-list-template.csv\"")
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .body(SegmentLists.TEMPLATE);
  }

  @PostMapping("/estimate")
  SegmentEstimate estimate(@RequestBody EstimateRequest request) {
    return segments.estimate(workspace.id(), request.entityType(), request.rule());
  }

  @GetMapping("/{id}")
  SegmentDetails get(@PathVariable long id) {
    workspace.require(Owned.SEGMENT, id);
    return segments.details(id);
  }

  @PutMapping("/{id}")
  Segment update(@PathVariable long id, @RequestBody NewSegment request) {
    workspace.require(Owned.SEGMENT, id);
    return segments.update(id, request);
  }

  @PostMapping("/{id}/refresh")
  ResponseEntity<Segment> refresh(@PathVariable long id) {
    workspace.require(Owned.SEGMENT, id);
    return ResponseEntity.accepted().body(segments.refresh(id));
  }

  @PostMapping("/{id}/extend")
  Segment extend(@PathVariable long id, @RequestBody Extension request) {
    workspace.require(Owned.SEGMENT, id);
    return segments.extend(id, request.expiresAt());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable long id, Principal user) {
    workspace.require(Owned.SEGMENT, id);
    segments.delete(id, user == null ? null : user.getName());
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{id}/members/{externalId}")
  Membership member(
      @PathVariable long id,
      @PathVariable String externalId,
      @RequestParam(defaultValue = "false") boolean explain) {
    workspace.require(Owned.SEGMENT, id);
    return insights.membership(id, externalId, explain);
  }

  @GetMapping("/{id}/insight")
  Insight insight(@PathVariable long id, @RequestParam(required = false) String tags) {
    workspace.require(Owned.SEGMENT, id);
    return insights.insight(id, tags == null ? List.of() : Arrays.stream(tags.split(",")).map(String::trim).toList());
  }

  @GetMapping("/{id}/export")
  ResponseEntity<StreamingResponseBody> export(@PathVariable long id) {
    workspace.require(Owned.SEGMENT, id);
    segments.get(id); // 404 before the response starts streaming
    StreamingResponseBody body = out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      insights.export(id, w);
    };
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"segment-" + id + ".csv\"")
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .body(body);
  }

  @GetMapping
  SegmentPage list(
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) Long groupId,
      @RequestParam(required = false) String entityType,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    if (page < 0 || size < 1 || size > 200) {
      throw new InvalidInputException(
          "invalid-paging", "size", "page ≥ 0 and 1 ≤ size ≤ 200 are required");
    }
    SegmentFilter filter = new SegmentFilter(
        name == null || name.isBlank() ? null : name.trim(),
        kind == null ? null : parse(SegmentKind.class, "kind", kind),
        status == null ? null : parse(SegmentStatus.class, "status", status),
        groupId,
        entityType,
        workspace.id());
    return new SegmentPage(segments.list(filter, page, size), segments.count(filter), page, size);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("invalid-filter", field,
          "one of " + Arrays.toString(type.getEnumConstants()));
    }
  }
}
