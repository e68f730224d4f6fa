package io.cairn.web.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.segment.Segment;
import io.cairn.engine.segment.SegmentEstimate;
import io.cairn.engine.segment.SegmentService;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Segments: estimate a rule, create, read, list. */
@RestController
@RequestMapping("/api/segments")
class SegmentController {

  /** A new rule segment. */
  record NewSegment(String name, String entityType, JsonNode rule) {}

  /** A rule to estimate. */
  record EstimateRequest(String entityType, JsonNode rule) {}

  /** A page of segments, newest first. */
  record SegmentPage(List<Segment> items, long total, int page, int size) {}

  private final SegmentService segments;

  SegmentController(SegmentService segments) {
    this.segments = segments;
  }

  @PostMapping
  ResponseEntity<Segment> create(@RequestBody NewSegment request) {
    Segment s = segments.create(request.name(), request.entityType(), request.rule());
    return ResponseEntity.created(URI.create("/api/segments/" + s.id())).body(s);
  }

  @PostMapping("/estimate")
  SegmentEstimate estimate(@RequestBody EstimateRequest request) {
    return segments.estimate(request.entityType(), request.rule());
  }

  @GetMapping("/{id}")
  Segment get(@PathVariable long id) {
    return segments.get(id);
  }

  @GetMapping
  SegmentPage list(
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    if (page < 0 || size < 1 || size > 200) {
      throw new InvalidInputException(
          "invalid-paging", "size", "page ≥ 0 and 1 ≤ size ≤ 200 are required");
    }
    return new SegmentPage(segments.list(page, size), segments.count(), page, size);
  }
}
