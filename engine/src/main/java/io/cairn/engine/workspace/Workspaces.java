package io.cairn.engine.workspace;

import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.workspace.internal.WorkspaceStore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Workspaces and their members. Thread-safe. Errors: {@link InvalidInputException} naming the
 * field, {@link NotFoundException} (also for a row of another workspace, see {@link #require}),
 * {@link ConflictException} for a taken name or a workspace that still holds something.
 */
@Service
public class Workspaces {

  /** The workspace created with the database; every earlier row belongs to it. */
  public static final long DEFAULT = 1;

  static final int MAX_NAME = 64;

  private final WorkspaceStore store;
  private final Clock clock;

  Workspaces(WorkspaceStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Workspace create(String name) {
    String n = name(name);
    try {
      return get(store.insert(n, clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    } catch (DuplicateKeyException e) {
      throw nameTaken(n);
    }
  }

  /** Every workspace, by id. */
  public List<Workspace> list() {
    return store.list();
  }

  /** The workspaces a user is a member of, by id. */
  public List<Workspace> listOf(String username) {
    return store.listOf(username);
  }

  public Workspace get(long id) {
    return store.find(id).orElseThrow(() -> new NotFoundException("workspace", id));
  }

  public Workspace rename(long id, String name) {
    get(id);
    String n = name(name);
    try {
      store.rename(id, n);
    } catch (DuplicateKeyException e) {
      throw nameTaken(n);
    }
    return get(id);
  }

  /**
   * Deletes an empty workspace and its memberships.
   *
   * @throws ConflictException for the default workspace, or naming what it still holds
   */
  @Transactional
  public void delete(long id) {
    get(id);
    if (id == DEFAULT) {
      throw new ConflictException(
          "workspace-default", "the default workspace " + id + " cannot be deleted");
    }
    store.lock(id);
    List<String> held = new ArrayList<>();
    for (Owned kind : Owned.values()) {
      long n = store.count(kind.table, kind.live, id);
      if (n > 0) {
        held.add(n + " " + kind.kind + (n == 1 ? "" : "s"));
      }
    }
    if (!held.isEmpty()) {
      throw new ConflictException(
          "workspace-not-empty", "workspace " + id + " still holds " + String.join(", ", held));
    }
    store.delete(id);
  }

  /** Makes a user a member (idempotent); the caller checks that the user exists. */
  public void addMember(long id, String username) {
    get(id);
    store.addMember(id, username);
  }

  /** Ends a membership (idempotent). */
  public void removeMember(long id, String username) {
    get(id);
    store.removeMember(id, username);
  }

  /** Usernames of the members, sorted. */
  public List<String> members(long id) {
    get(id);
    return store.members(id);
  }

  public boolean isMember(long id, String username) {
    return store.isMember(id, username);
  }

  /**
   * Checks that a row exists in a workspace before an operation on it.
   *
   * @throws NotFoundException (of the row's kind, e.g. "segment 12 does not exist") when there is
   *     no such row or it belongs to another workspace: ids of other workspaces do not leak
   */
  public void require(long workspaceId, Owned kind, long id) {
    if (!workspaceOf(kind, id).map(w -> w == workspaceId).orElse(false)) {
      throw new NotFoundException(kind.kind, id);
    }
  }

  /** The workspace of a row, empty when there is no such row (or it is a deleted journey). */
  public Optional<Long> workspaceOf(Owned kind, long id) {
    return store.workspaceOf(kind.table, kind.live, id);
  }

  /**
   * Locks the workspace until the caller's transaction ends; journeys' admission to run slots
   * holds it so that two starts never exceed the workspace's limit.
   *
   * @throws NotFoundException when there is no such workspace
   */
  public void lock(long id) {
    if (!store.lock(id)) {
      throw new NotFoundException("workspace", id);
    }
  }

  private static String name(String name) {
    if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
      throw new InvalidInputException(
          "invalid-workspace", "name", "a workspace name has 1 to " + MAX_NAME + " characters");
    }
    return name.strip();
  }

  private static ConflictException nameTaken(String name) {
    return new ConflictException(
        "workspace-name-taken", "a workspace named \"" + name + "\" exists");
  }
}
