package io.cairn.web.security;

import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.workspace.Owned;
import io.cairn.engine.workspace.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The one place that resolves a request's workspace: the header {@value #HEADER} names it by id,
 * its absence means the default workspace. An ADMIN may use every workspace, anyone else only the
 * workspaces they are a member of; a workspace the caller may not use answers 404 like one that
 * does not exist. Controllers pass {@link #id()} explicitly to the engine's create and list
 * methods, and call {@link #require} before any operation on an id. Thread-safe (state lives in
 * the request).
 */
@Component
public class CurrentWorkspace {

  /** The request header naming the workspace. */
  public static final String HEADER = "X-Cairn-Workspace";

  private static final String RESOLVED = CurrentWorkspace.class.getName();

  private final Workspaces workspaces;

  CurrentWorkspace(Workspaces workspaces) {
    this.workspaces = workspaces;
  }

  /**
   * The current request's workspace id, checked once per request.
   *
   * @throws InvalidInputException when the header is not a workspace id
   * @throws NotFoundException when there is no such workspace or the caller may not use it
   */
  public long id() {
    HttpServletRequest request =
        ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    if (request.getAttribute(RESOLVED) instanceof Long resolved) {
      return resolved;
    }
    String header = request.getHeader(HEADER);
    long id;
    if (header == null || header.isBlank()) {
      id = Workspaces.DEFAULT;
    } else if (header.strip().matches("[0-9]{1,18}")) {
      id = Long.parseLong(header.strip());
    } else {
      throw new InvalidInputException("invalid-workspace", HEADER, "a workspace id");
    }
    if (!mayUse(id)) {
      throw new NotFoundException("workspace", id);
    }
    request.setAttribute(RESOLVED, id);
    return id;
  }

  /**
   * Checks that a row belongs to the current workspace.
   *
   * @throws NotFoundException of the row's kind when it does not exist here (whether it does in
   *     another workspace or not at all)
   */
  public void require(Owned kind, long id) {
    workspaces.require(id(), kind, id);
  }

  /** Whether the caller may use a workspace: it exists and they are an ADMIN or a member. */
  public boolean mayUse(long workspaceId) {
    try {
      workspaces.get(workspaceId);
    } catch (NotFoundException absent) {
      return false;
    }
    return isAdmin() || workspaces.isMember(workspaceId, user().getName());
  }

  /** Whether the caller is an ADMIN, who may use every workspace. */
  public boolean isAdmin() {
    return user().getAuthorities().stream()
        .anyMatch(a -> ("ROLE_" + Roles.ADMIN).equals(a.getAuthority()));
  }

  /** The authenticated caller's name. */
  public String username() {
    return user().getName();
  }

  private static Authentication user() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null) {
      throw new IllegalStateException("no authenticated user: the route must require one");
    }
    return auth;
  }
}
