package io.cairn.web.template;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.template.Preview;
import io.cairn.engine.template.PreviewRequest;
import io.cairn.engine.template.Template;
import io.cairn.engine.template.TemplateDraft;
import io.cairn.engine.template.Templates;
import io.cairn.engine.workspace.Owned;
import io.cairn.web.security.CurrentWorkspace;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Message templates ({@code /api/templates}). Invalid drafts answer 400 {@code invalid-template}
 * with the offending fields; a duplicate name 409 {@code template-name-taken}; deleting a template
 * a live journey or an unfinished send uses 409 {@code template-in-use}. Every route works in the
 * request's workspace ({@link CurrentWorkspace}): another workspace's template answers 404.
 */
@RestController
@RequestMapping("/api/templates")
class TemplateController {

  private final Templates templates;
  private final CurrentWorkspace workspace;

  TemplateController(Templates templates, CurrentWorkspace workspace) {
    this.templates = templates;
    this.workspace = workspace;
  }

  /** Newest first; {@code name} matches a fragment, case-insensitively. */
  @GetMapping
  Template.Page list(
      @RequestParam(required = false) Channel channel,
      @RequestParam(required = false) @Size(max = 128) String name,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(Templates.MAX_PAGE) int size) {
    return templates.list(workspace.id(), channel, name, page, size);
  }

  @PostMapping
  ResponseEntity<Template> create(@RequestBody TemplateDraft draft) {
    Template t = templates.create(workspace.id(), draft);
    return ResponseEntity.created(URI.create("/api/templates/" + t.id())).body(t);
  }

  @GetMapping("/{id}")
  Template get(@PathVariable long id) {
    workspace.require(Owned.TEMPLATE, id);
    return templates.get(id);
  }

  /** Replaces name, content and variables; sends already recorded keep their copy. */
  @PutMapping("/{id}")
  Template update(@PathVariable long id, @RequestBody TemplateDraft draft) {
    workspace.require(Owned.TEMPLATE, id);
    return templates.update(id, draft);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    workspace.require(Owned.TEMPLATE, id);
    templates.delete(id);
    return ResponseEntity.noContent().build();
  }

  /**
   * Renders the template for {@code {entityType, externalId}} (404 when the entity does not
   * exist) or for {@code {values: {var: value}}}.
   */
  @PostMapping("/{id}/preview")
  Preview preview(@PathVariable long id, @RequestBody PreviewRequest request) {
    workspace.require(Owned.TEMPLATE, id);
    return templates.preview(id, request);
  }
}
