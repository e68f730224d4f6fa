package io.cairn.web.webhook;

import io.cairn.engine.webhook.CreatedWebhook;
import io.cairn.engine.webhook.Webhook;
import io.cairn.engine.webhook.WebhookDraft;
import io.cairn.engine.webhook.WebhookTest;
import io.cairn.engine.webhook.WebhookTestResult;
import io.cairn.engine.webhook.Webhooks;
import io.cairn.engine.workspace.Owned;
import io.cairn.web.security.CurrentWorkspace;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
 * Webhook management ({@code /api/webhooks}). The signing secret appears in exactly two answers:
 * creation and {@code POST /{id}/secret}; everything else shows {@code secretHint}. A webhook is
 * changed or deleted only while disabled (409 {@code webhook-enabled} otherwise). Every route works
 * in the request's workspace ({@link CurrentWorkspace}): another workspace's webhook answers 404.
 */
@RestController
@RequestMapping("/api/webhooks")
class WebhookController {

  private final Webhooks webhooks;
  private final CurrentWorkspace workspace;

  WebhookController(Webhooks webhooks, CurrentWorkspace workspace) {
    this.webhooks = webhooks;
    this.workspace = workspace;
  }

  @GetMapping
  List<Webhook> list() {
    return webhooks.list(workspace.id());
  }

  /** 201 with {@code {"webhook": {...}, "secret": "whsec_..."}}: the only time the secret shows. */
  @PostMapping
  ResponseEntity<CreatedWebhook> create(@RequestBody WebhookDraft draft) {
    CreatedWebhook created = webhooks.create(workspace.id(), draft);
    return ResponseEntity.created(URI.create("/api/webhooks/" + created.webhook().id()))
        .body(created);
  }

  @GetMapping("/{id}")
  Webhook get(@PathVariable long id) {
    workspace.require(Owned.WEBHOOK, id);
    return webhooks.get(id);
  }

  /** Replaces a disabled webhook's settings; an absent {@code secret} keeps the current one. */
  @PutMapping("/{id}")
  Webhook update(@PathVariable long id, @RequestBody WebhookDraft draft) {
    workspace.require(Owned.WEBHOOK, id);
    return webhooks.update(id, draft);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    workspace.require(Owned.WEBHOOK, id);
    webhooks.delete(id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/enable")
  Webhook enable(@PathVariable long id) {
    workspace.require(Owned.WEBHOOK, id);
    return webhooks.enable(id);
  }

  @PostMapping("/{id}/disable")
  Webhook disable(@PathVariable long id) {
    workspace.require(Owned.WEBHOOK, id);
    return webhooks.disable(id);
  }

  /** A new generated secret for a disabled webhook, shown this once. */
  @PostMapping("/{id}/secret")
  CreatedWebhook rotateSecret(@PathVariable long id) {
    workspace.require(Owned.WEBHOOK, id);
    return webhooks.rotateSecret(id);
  }

  /**
   * Sends one real request: for a sample entity ({@code entityType}, {@code entityId}) or given
   * values ({@code targetId}, {@code values}); {@code params} as in a journey node. A failed send
   * is a 200 answer whose {@code outcome} says so.
   */
  @PostMapping("/{id}/test")
  WebhookTestResult test(@PathVariable long id, @RequestBody WebhookTest request) {
    workspace.require(Owned.WEBHOOK, id);
    return webhooks.test(id, request);
  }

  /** The last test sends' logs as a text file, newest first. */
  @GetMapping("/{id}/test-log")
  ResponseEntity<byte[]> testLog(@PathVariable long id) {
    workspace.require(Owned.WEBHOOK, id);
    byte[] text = webhooks.testLog(id).getBytes(StandardCharsets.UTF_8);
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("webhook-" + id + "-test-log.txt")
                .build()
                .toString())
        .body(text);
  }
}
