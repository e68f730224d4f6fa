package io.cairn.web.workspace;

import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.workspace.Workspace;
import io.cairn.engine.workspace.Workspaces;
import io.cairn.web.security.CurrentWorkspace;
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
 * Workspaces. Everyone lists and reads the workspaces they may use (an ADMIN all of them; others
 * answer 404); creating, renaming and deleting need ADMIN. Deleting is refused (409 {@code
 * workspace-not-empty}) while the workspace holds journeys, segments, webhooks or templates, and
 * always for the default workspace (409 {@code workspace-default}).
 */
@RestController
@RequestMapping("/api/workspaces")
class WorkspaceController {

  /** A workspace's name, 1–64 characters. */
  record WorkspaceName(String name) {}

  private final Workspaces workspaces;
  private final CurrentWorkspace current;

  WorkspaceController(Workspaces workspaces, CurrentWorkspace current) {
    this.workspaces = workspaces;
    this.current = current;
  }

  @GetMapping
  List<Workspace> list() {
    return current.isAdmin() ? workspaces.list() : workspaces.listOf(current.username());
  }

  @PostMapping
  ResponseEntity<Workspace> create(@RequestBody WorkspaceName request) {
    Workspace w = workspaces.create(request.name());
    return ResponseEntity.created(URI.create("/api/workspaces/" + w.id())).body(w);
  }

  @GetMapping("/{id}")
  Workspace get(@PathVariable long id) {
    if (!current.mayUse(id)) {
      throw new NotFoundException("workspace", id);
    }
    return workspaces.get(id);
  }

  @PutMapping("/{id}")
  Workspace rename(@PathVariable long id, @RequestBody WorkspaceName request) {
    return workspaces.rename(id, request.name());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    workspaces.delete(id);
    return ResponseEntity.noContent().build();
  }
}
