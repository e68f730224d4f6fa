package io.cairn.engine.webhook;

import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.http.SsrfGuard;
import io.cairn.connectors.webhook.SigningScheme;
import io.cairn.connectors.webhook.WebhookSettings;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.secret.SecretBox;
import io.cairn.engine.webhook.internal.DatabaseWebhookDirectory;
import io.cairn.engine.webhook.internal.StoredWebhook;
import io.cairn.engine.webhook.internal.WebhookDrafts;
import io.cairn.engine.webhook.internal.WebhookStore;
import io.cairn.engine.webhook.internal.WebhookTester;
import io.cairn.engine.workspace.Workspaces;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The webhook registry (the reference's "Webhook management"). A new webhook is enabled; only an
 * enabled webhook is called by journeys or tested. Changing or deleting one requires disabling it
 * first, so that no journey calls a half-changed receiver, and a webhook that a live journey uses
 * cannot be deleted. The signing secret is generated unless given, shown once (on creation or
 * rotation) and stored sealed ({@link SecretBox}); afterwards only a hint of it is shown.
 *
 * <p>Thread-safe. Errors: {@link InvalidInputException} naming the field, {@link
 * NotFoundException}, {@link ConflictException} for a state that forbids the change.
 */
@Service
public class Webhooks {

  private final WebhookStore store;
  private final SecretBox secrets;
  private final SsrfGuard guard;
  private final DatabaseWebhookDirectory directory;
  private final WebhookTester tester;
  private final ProfileReader profiles;
  private final List<WebhookUsage> usages;
  private final Clock clock;

  Webhooks(
      WebhookStore store,
      SecretBox secrets,
      SsrfGuard cairnSsrfGuard,
      DatabaseWebhookDirectory directory,
      WebhookTester tester,
      ProfileReader profiles,
      List<WebhookUsage> usages,
      Clock clock) {
    this.store = store;
    this.secrets = secrets;
    this.guard = cairnSsrfGuard;
    this.directory = directory;
    this.tester = tester;
    this.profiles = profiles;
    this.usages = usages;
    this.clock = clock;
  }

  /** The webhooks of the default workspace. */
  public List<Webhook> list() {
    return list(Workspaces.DEFAULT);
  }

  /** The webhooks of a workspace, by id. */
  public List<Webhook> list(long workspaceId) {
    return store.list(workspaceId).stream().map(StoredWebhook::view).toList();
  }

  public Webhook get(long id) {
    return stored(id).view();
  }

  /** {@link #create(long, WebhookDraft)} in the default workspace. */
  @Transactional
  public CreatedWebhook create(WebhookDraft draft) {
    return create(Workspaces.DEFAULT, draft);
  }

  /**
   * Registers a webhook in a workspace (names are unique within it), enabled; the answer carries
   * the secret, the only time it is shown.
   */
  @Transactional
  public CreatedWebhook create(long workspaceId, WebhookDraft draft) {
    WebhookDrafts.Checked c = WebhookDrafts.check(draft, guard, null);
    String secret = c.secret() != null ? c.secret() : WebhookDrafts.newSecret();
    if (c.secret() == null && c.signing() == SigningScheme.SORTED_KEY) {
      secret = secret.substring("whsec_".length()); // a plain key: the scheme signs its text
    }
    Instant now = clock.instant();
    StoredWebhook w =
        new StoredWebhook(
            0,
            c.name(),
            c.url(),
            c.signing(),
            secrets.seal(secret, StoredWebhook.SECRET_PURPOSE),
            WebhookDrafts.hint(secret),
            c.idTypes(),
            c.parameters(),
            c.receipts(),
            c.timeoutSeconds(),
            true,
            now,
            now);
    long id;
    try {
      id = store.insert(workspaceId, w);
    } catch (DuplicateKeyException e) {
      throw nameTaken(c.name());
    }
    return new CreatedWebhook(stored(id).view(), secret);
  }

  /**
   * Changes a disabled webhook. A {@code null} secret keeps the current one; receipt statuses in
   * force cannot be changed or removed.
   */
  @Transactional
  public Webhook update(long id, WebhookDraft draft) {
    StoredWebhook old = stored(id);
    requireDisabled(old, "changed");
    WebhookDrafts.Checked c = WebhookDrafts.check(draft, guard, old.receipts());
    String sealed = old.secretSealed();
    String hint = old.secretHint();
    if (c.secret() != null) {
      sealed = secrets.seal(c.secret(), StoredWebhook.SECRET_PURPOSE);
      hint = WebhookDrafts.hint(c.secret());
    } else if (c.signing() != old.signing()) {
      String current = secrets.open(old.secretSealed(), StoredWebhook.SECRET_PURPOSE);
      WebhookDrafts.secretProblem(c.signing(), current)
          .ifPresent(
              m -> {
                throw new InvalidInputException(
                    "invalid-webhook",
                    "secret",
                    "the current secret does not suit " + c.signing() + ": give a new one");
              });
    }
    StoredWebhook w =
        new StoredWebhook(
            id,
            c.name(),
            c.url(),
            c.signing(),
            sealed,
            hint,
            c.idTypes(),
            c.parameters(),
            c.receipts(),
            c.timeoutSeconds(),
            false,
            old.createdAt(),
            clock.instant());
    try {
      store.update(w);
    } catch (DuplicateKeyException e) {
      throw nameTaken(c.name());
    }
    return stored(id).view();
  }

  /** Replaces the secret of a disabled webhook with a generated one, shown this once. */
  @Transactional
  public CreatedWebhook rotateSecret(long id) {
    StoredWebhook old = stored(id);
    requireDisabled(old, "given a new secret");
    String secret = WebhookDrafts.newSecret();
    if (old.signing() == SigningScheme.SORTED_KEY) {
      secret = secret.substring("whsec_".length());
    }
    store.update(
        withState(
            old,
            secrets.seal(secret, StoredWebhook.SECRET_PURPOSE),
            WebhookDrafts.hint(secret),
            false));
    return new CreatedWebhook(stored(id).view(), secret);
  }

  @Transactional
  public Webhook enable(long id) {
    StoredWebhook old = stored(id);
    if (!old.enabled()) {
      store.update(withState(old, old.secretSealed(), old.secretHint(), true));
    }
    return stored(id).view();
  }

  /** Disables a webhook: journeys' recipients of it then fail with {@code webhook-disabled}. */
  @Transactional
  public Webhook disable(long id) {
    StoredWebhook old = stored(id);
    if (old.enabled()) {
      store.update(withState(old, old.secretSealed(), old.secretHint(), false));
    }
    return stored(id).view();
  }

  /** Deletes a disabled webhook that no live journey uses. */
  @Transactional
  public void delete(long id) {
    StoredWebhook old = stored(id);
    requireDisabled(old, "deleted");
    List<String> uses = new ArrayList<>();
    usages.forEach(u -> uses.addAll(u.uses(id)));
    if (!uses.isEmpty()) {
      throw new ConflictException(
          "webhook-in-use", "webhook " + id + " is used by " + String.join(", ", uses));
    }
    store.delete(id);
  }

  /**
   * Sends one real request to an enabled webhook and keeps its log (the last {@value
   * WebhookStore#TEST_LOGS_KEPT} are kept). A refused or failed request is a result, not an error.
   */
  public WebhookTestResult test(long id, WebhookTest request) {
    StoredWebhook w = stored(id);
    if (!w.enabled()) {
      throw new ConflictException(
          "webhook-disabled", "webhook " + id + " is disabled: enable it to test");
    }
    IdType idType = testIdType(w, request);
    String params = request.params();
    try {
      new WebhookSettings(String.valueOf(id), idType, params, null, null);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("invalid-webhook-test", "params", e.getMessage());
    }
    String target;
    Map<String, String> values;
    if (request.entityId() != null && !request.entityId().isBlank()) {
      String type = request.entityType() == null ? "user" : request.entityType();
      OptionalInt entity = profiles.entityId(type, request.entityId());
      if (entity.isEmpty()) {
        throw new NotFoundException("entity", request.entityId());
      }
      int[] ids = {entity.getAsInt()};
      target = profiles.identities(type, ids, idType).get(entity.getAsInt());
      if (target == null || target.isBlank()) {
        throw new InvalidInputException(
            "invalid-webhook-test", "entityId", "the entity has no " + idType.code());
      }
      var variables =
          new WebhookSettings(String.valueOf(id), idType, params, null, null).variables();
      values =
          variables.isEmpty()
              ? Map.of()
              : profiles.tagValues(type, ids, variables).getOrDefault(entity.getAsInt(), Map.of());
    } else {
      target = request.targetId();
      if (target == null || target.isBlank() || target.length() > 320) {
        throw new InvalidInputException(
            "invalid-webhook-test", "targetId", "give targetId (1–320 characters) or entityId");
      }
      values = request.values() == null ? Map.of() : request.values();
    }
    WebhookTestResult result =
        tester.send(w, directory.endpoint(w), idType, target.strip(), params, values);
    store.addTestLog(id, result.at(), result.outcome(), result.log());
    return result;
  }

  /** The kept test logs of a webhook as one text, newest first. */
  public String testLog(long id) {
    stored(id);
    List<String> logs = store.testLogs(id);
    if (logs.isEmpty()) {
      return "No test sends of webhook " + id + " yet.\n";
    }
    return String.join("\n" + "-".repeat(72) + "\n\n", logs);
  }

  private IdType testIdType(StoredWebhook w, WebhookTest request) {
    if (request.idType() == null || request.idType().isBlank()) {
      if (w.idTypes().size() == 1) {
        return w.idTypes().iterator().next();
      }
      throw new InvalidInputException("invalid-webhook-test", "idType", "choose the identity type");
    }
    if (!IdType.isIdType(request.idType())) {
      throw new InvalidInputException(
          "invalid-webhook-test", "idType", request.idType() + " is not an identity type");
    }
    IdType t = IdType.fromCode(request.idType());
    if (!w.idTypes().contains(t)) {
      throw new InvalidInputException(
          "invalid-webhook-test", "idType", "webhook " + w.id() + " does not accept " + t.code());
    }
    return t;
  }

  private StoredWebhook stored(long id) {
    return store.find(id).orElseThrow(() -> new NotFoundException("webhook", id));
  }

  private static void requireDisabled(StoredWebhook w, String what) {
    if (w.enabled()) {
      throw new ConflictException(
          "webhook-enabled", "webhook " + w.id() + " is enabled: disable it before it is " + what);
    }
  }

  private static ConflictException nameTaken(String name) {
    return new ConflictException("webhook-name-taken", "a webhook named \"" + name + "\" exists");
  }

  private StoredWebhook withState(StoredWebhook w, String sealed, String hint, boolean enabled) {
    return new StoredWebhook(
        w.id(),
        w.name(),
        w.url(),
        w.signing(),
        sealed,
        hint,
        w.idTypes(),
        w.parameters(),
        w.receipts(),
        w.timeoutSeconds(),
        enabled,
        w.createdAt(),
        clock.instant());
  }
}
