package io.cairn.web.segment;

import io.cairn.engine.segment.SegmentGroup;
import io.cairn.engine.segment.SegmentGroups;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Folders of segments. */
@RestController
@RequestMapping("/api/segment-groups")
class SegmentGroupController {

  /** A group's name. */
  record GroupName(String name) {}

  private final SegmentGroups groups;

  SegmentGroupController(SegmentGroups groups) {
    this.groups = groups;
  }

  @GetMapping
  List<SegmentGroup> list() {
    return groups.list();
  }

  @PostMapping
  ResponseEntity<SegmentGroup> create(@RequestBody GroupName request) {
    SegmentGroup g = groups.create(request.name());
    return ResponseEntity.created(URI.create("/api/segment-groups/" + g.id())).body(g);
  }

  @GetMapping("/{id}")
  SegmentGroup get(@PathVariable long id) {
    return groups.get(id);
  }

  @PutMapping("/{id}")
  SegmentGroup rename(@PathVariable long id, @RequestBody GroupName request) {
    return groups.rename(id, request.name());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    groups.delete(id);
    return ResponseEntity.noContent().build();
  }
}
