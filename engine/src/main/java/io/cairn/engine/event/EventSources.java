package io.cairn.engine.event;

import io.cairn.engine.event.internal.EventCatalogStore;
import io.cairn.engine.event.internal.WriteKeys;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Event sources and their write keys. A write key can only append events of its own source; it
 * is generated here, shown once, and stored as a SHA-256 hash (keys are 256-bit random, so a fast
 * hash is enough). Thread-safe.
 */
@Service
public class EventSources {

  private final EventCatalogStore store;

  EventSources(EventCatalogStore store) {
    this.store = store;
  }

  public List<EventSource> list() {
    return store.sources();
  }

  public EventSource get(String code) {
    return store.source(code).orElseThrow(() -> new NotFoundException("event source", code));
  }

  /** Creates a source and its first write key. */
  public synchronized IssuedWriteKey create(NewEventSource s) {
    checked(s);
    if (store.source(s.code()).isPresent()) {
      throw new ConflictException("event-source-exists", "event source '" + s.code() + "' exists");
    }
    String key = WriteKeys.generate();
    store.insertSource(s.code(), s.name().trim(), s.channel().trim(), blankToNull(s.appKey()), key);
    return new IssuedWriteKey(get(s.code()), key);
  }

  /** Changes name, channel and app key (the code stays). */
  public synchronized EventSource update(String code, NewEventSource s) {
    get(code);
    if (s.code() != null && !s.code().equals(code)) {
      throw new InvalidInputException("invalid-event-source", "code", "the code of an event source cannot change");
    }
    checked(new NewEventSource(code, s.name(), s.channel(), s.appKey()));
    store.updateSource(code, s.name().trim(), s.channel().trim(), blankToNull(s.appKey()));
    return get(code);
  }

  /** Replaces the write key: the old one stops working at once on this node. */
  public synchronized IssuedWriteKey rotateKey(String code) {
    get(code);
    String key = WriteKeys.generate();
    store.replaceKey(code, key);
    return new IssuedWriteKey(get(code), key);
  }

  /** Deletes the source and its key; its stored events stay. */
  public synchronized void delete(String code) {
    get(code);
    store.deleteSource(code);
  }

  /** The source a write key belongs to, if any. */
  public Optional<EventSource> authenticate(String writeKey) {
    return writeKey == null || writeKey.isBlank() ? Optional.empty() : store.sourceByKey(writeKey.trim());
  }

  private static void checked(NewEventSource s) {
    List<Violation> problems = new ArrayList<>();
    if (s.code() == null || !EventTypes.CODE.matcher(s.code()).matches()) {
      problems.add(new Violation("code", "a code is 1–64 letters, digits, _ . $ or -, starting with a letter or $"));
    }
    if (s.name() == null || s.name().isBlank() || s.name().trim().length() > 128) {
      problems.add(new Violation("name", "a name has 1 to 128 characters"));
    }
    if (s.channel() == null || s.channel().isBlank() || s.channel().trim().length() > 64) {
      problems.add(new Violation("channel", "a channel (app, web, mini_program …) has 1 to 64 characters"));
    }
    if (s.appKey() != null && s.appKey().length() > 128) {
      problems.add(new Violation("appKey", "at most 128 characters"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("invalid-event-source", "the event source is not valid", problems);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
