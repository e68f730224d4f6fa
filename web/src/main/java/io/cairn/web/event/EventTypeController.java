package io.cairn.web.event;

import io.cairn.engine.event.EventType;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.event.NewEventType;
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

/** Event types with typed attributes (attributes can be added, not removed). */
@RestController
@RequestMapping("/api/event-types")
class EventTypeController {

  private final EventTypes types;

  EventTypeController(EventTypes types) {
    this.types = types;
  }

  @GetMapping
  List<EventType> list() {
    return types.list();
  }

  @PostMapping
  ResponseEntity<EventType> create(@RequestBody NewEventType request) {
    EventType t = types.create(request);
    return ResponseEntity.created(URI.create("/api/event-types/" + t.code())).body(t);
  }

  @GetMapping("/{code}")
  EventType get(@PathVariable String code) {
    return types.get(code);
  }

  @PutMapping("/{code}")
  EventType update(@PathVariable String code, @RequestBody NewEventType request) {
    return types.update(code, request);
  }

  @DeleteMapping("/{code}")
  ResponseEntity<Void> delete(@PathVariable String code) {
    types.delete(code);
    return ResponseEntity.noContent().build();
  }
}
