package io.cairn.web.security;

import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.workspace.Workspaces;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who may work in a workspace (ADMIN only): {@code GET /api/workspaces/{id}/members}, {@code PUT}
 * and {@code DELETE /api/workspaces/{id}/members/{username}} (both idempotent, 204). ADMIN users
 * may use every workspace whether members or not; every user starts as a member of the default
 * workspace.
 */
@RestController
@RequestMapping("/api/workspaces/{id}/members")
class WorkspaceMemberController {

  private final Workspaces workspaces;
  private final UserAccounts accounts;

  WorkspaceMemberController(Workspaces workspaces, UserAccounts accounts) {
    this.workspaces = workspaces;
    this.accounts = accounts;
  }

  @GetMapping
  List<String> list(@PathVariable long id) {
    return workspaces.members(id);
  }

  @PutMapping("/{username}")
  ResponseEntity<Void> add(@PathVariable long id, @PathVariable String username) {
    if (!accounts.exists(username)) {
      throw new NotFoundException("user", username);
    }
    workspaces.addMember(id, username);
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/{username}")
  ResponseEntity<Void> remove(@PathVariable long id, @PathVariable String username) {
    workspaces.removeMember(id, username);
    return ResponseEntity.noContent().build();
  }
}
