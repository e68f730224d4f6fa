package io.cairn.engine.segment;

import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.segment.internal.SegmentStore;
import java.util.List;
import org.springframework.stereotype.Service;

/** Folders for segments: unique names; a folder that holds segments cannot be deleted. */
@Service
public class SegmentGroups {

  private final SegmentStore store;

  SegmentGroups(SegmentStore store) {
    this.store = store;
  }

  public List<SegmentGroup> list() {
    return store.groups();
  }

  public SegmentGroup get(long id) {
    return store.group(id).orElseThrow(() -> new NotFoundException("segment group", id));
  }

  /** @throws InvalidInputException on a blank, long or taken name */
  public synchronized SegmentGroup create(String name) {
    return get(store.insertGroup(checked(name)));
  }

  public synchronized SegmentGroup rename(long id, String name) {
    SegmentGroup g = get(id);
    String n = name == null ? null : name.trim();
    if (!g.name().equals(n)) {
      store.renameGroup(id, checked(name));
    }
    return get(id);
  }

  /** @throws ConflictException while segments are filed in it */
  public void delete(long id) {
    SegmentGroup g = get(id);
    if (g.segments() > 0) {
      throw new ConflictException("segment-group-not-empty",
          "segment group " + id + " holds " + g.segments() + " segments; move or delete them first");
    }
    store.deleteGroup(id);
  }

  private String checked(String name) {
    if (name == null || name.isBlank() || name.trim().length() > 128) {
      throw new InvalidInputException("invalid-segment-group", "name", "a name has 1 to 128 characters");
    }
    if (store.groupNameTaken(name.trim())) {
      throw new InvalidInputException("invalid-segment-group", "name", "a group named '" + name.trim() + "' exists");
    }
    return name.trim();
  }
}
