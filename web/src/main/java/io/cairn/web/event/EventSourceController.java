package io.cairn.web.event;

import io.cairn.engine.event.EventSource;
import io.cairn.engine.event.EventSources;
import io.cairn.engine.event.IssuedWriteKey;
import io.cairn.engine.event.NewEventSource;
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

/**
 * Event sources. Creating one, or rotating its key, answers the write key once; afterwards only
 * its first characters ({@code writeKeyHint}) are shown.
 */
@RestController
@RequestMapping("/api/event-sources")
class EventSourceController {

  private final EventSources sources;

  EventSourceController(EventSources sources) {
    this.sources = sources;
  }

  @GetMapping
  List<EventSource> list() {
    return sources.list();
  }

  @PostMapping
  ResponseEntity<IssuedWriteKey> create(@RequestBody NewEventSource request) {
    IssuedWriteKey issued = sources.create(request);
    return ResponseEntity.created(URI.create("/api/event-sources/" + issued.source().code())).body(issued);
  }

  @GetMapping("/{code}")
  EventSource get(@PathVariable String code) {
    return sources.get(code);
  }

  @PutMapping("/{code}")
  EventSource update(@PathVariable String code, @RequestBody NewEventSource request) {
    return sources.update(code, request);
  }

  @PostMapping("/{code}/write-key")
  IssuedWriteKey rotate(@PathVariable String code) {
    return sources.rotateKey(code);
  }

  @DeleteMapping("/{code}")
  ResponseEntity<Void> delete(@PathVariable String code) {
    sources.delete(code);
    return ResponseEntity.noContent().build();
  }
}
