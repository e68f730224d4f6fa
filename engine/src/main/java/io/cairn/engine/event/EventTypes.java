package io.cairn.engine.event;

import io.cairn.engine.event.internal.EventCatalogStore;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Event types and their attributes. Attributes can be added to a type but never removed or
 * retyped, because stored events and the rules and journeys reading them rely on them. A type a
 * journey uses cannot be deleted. Thread-safe.
 */
@Service
public class EventTypes {

  static final Pattern CODE = Pattern.compile("[A-Za-z$][A-Za-z0-9_.$-]{0,63}");
  private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final int MAX_ATTRIBUTES = 100;

  private final EventCatalogStore store;
  private final List<EventTypeUsage> usages;

  EventTypes(EventCatalogStore store, List<EventTypeUsage> usages) {
    this.store = store;
    this.usages = usages;
  }

  public List<EventType> list() {
    return store.types();
  }

  public EventType get(String code) {
    return find(code).orElseThrow(() -> new NotFoundException("event type", code));
  }

  /** The type, read through the ingestion cache (fresh when the code is not cached). */
  public Optional<EventType> find(String code) {
    return store.type(code);
  }

  /** @throws InvalidInputException naming the field; ConflictException when the code is taken */
  public synchronized EventType create(NewEventType t) {
    List<EventAttribute> attributes = checked(t);
    if (store.type(t.code()).isPresent()) {
      throw new ConflictException("event-type-exists", "event type '" + t.code() + "' exists");
    }
    store.insertType(t.code(), t.name().trim(), t.description(), attributes);
    return get(t.code());
  }

  /**
   * Renames, re-describes, adds attributes and changes display names.
   *
   * @throws InvalidInputException when an attribute is missing (removed) or changes its type
   */
  public synchronized EventType update(String code, NewEventType t) {
    EventType current = get(code);
    if (t.code() != null && !t.code().equals(code)) {
      throw new InvalidInputException("invalid-event-type", "code", "the code of an event type cannot change");
    }
    List<EventAttribute> attributes = checked(new NewEventType(code, t.name(), t.description(), t.attributes()));
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < attributes.size(); i++) {
      position.put(attributes.get(i).name(), i);
    }
    List<Violation> problems = new ArrayList<>();
    for (EventAttribute old : current.attributes()) {
      Integer i = position.get(old.name());
      if (i == null) {
        problems.add(new Violation("attributes", "attribute '" + old.name()
            + "' cannot be removed: stored events and rules may use it"));
      } else if (attributes.get(i).type() != old.type()) {
        problems.add(new Violation("attributes[" + i + "].type", "attribute '" + old.name()
            + "' is " + old.type() + " and cannot change its type"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("invalid-event-type", "the attributes would lose data", problems);
    }
    store.updateType(code, t.name().trim(), t.description(), attributes);
    return get(code);
  }

  /** @throws ConflictException while a journey uses the type */
  public synchronized void delete(String code) {
    get(code);
    List<String> uses = new ArrayList<>();
    usages.forEach(u -> uses.addAll(u.uses(code)));
    if (!uses.isEmpty()) {
      throw new ConflictException("event-type-in-use",
          "event type '" + code + "' is used by " + String.join(", ", uses));
    }
    store.deleteType(code);
  }

  private static List<EventAttribute> checked(NewEventType t) {
    List<Violation> problems = new ArrayList<>();
    if (t.code() == null || !CODE.matcher(t.code()).matches()) {
      problems.add(new Violation("code", "a code is 1–64 letters, digits, _ . $ or -, starting with a letter or $"));
    }
    if (t.name() == null || t.name().isBlank() || t.name().trim().length() > 128) {
      problems.add(new Violation("name", "a name has 1 to 128 characters"));
    }
    if (t.description() != null && t.description().length() > 1024) {
      problems.add(new Violation("description", "at most 1,024 characters"));
    }
    List<EventAttribute> in = t.attributes() == null ? List.of() : t.attributes();
    if (in.size() > MAX_ATTRIBUTES) {
      problems.add(new Violation("attributes", "at most " + MAX_ATTRIBUTES + " attributes"));
    }
    List<EventAttribute> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < in.size(); i++) {
      EventAttribute a = in.get(i);
      String at = "attributes[" + i + "]";
      if (a == null || a.name() == null || !ATTRIBUTE.matcher(a.name()).matches()) {
        problems.add(new Violation(at + ".name", "a name is 1–64 letters, digits or _, not starting with a digit"));
        continue;
      }
      if (!seen.add(a.name())) {
        problems.add(new Violation(at + ".name", "attribute '" + a.name() + "' is listed twice"));
      }
      if (a.type() == null) {
        problems.add(new Violation(at + ".type", "one of TEXT, NUMBER, BOOLEAN, DATETIME"));
      }
      String display = a.displayName() == null || a.displayName().isBlank() ? a.name() : a.displayName().trim();
      if (display.length() > 128) {
        problems.add(new Violation(at + ".displayName", "at most 128 characters"));
      }
      out.add(new EventAttribute(a.name(), display, a.type()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("invalid-event-type", "the event type is not valid", problems);
    }
    return out;
  }
}
