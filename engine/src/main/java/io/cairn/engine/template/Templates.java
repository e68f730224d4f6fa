package io.cairn.engine.template;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.template.internal.TemplateChecks;
import io.cairn.engine.template.internal.TemplateRendering;
import io.cairn.engine.template.internal.TemplateStore;
import io.cairn.engine.workspace.Workspaces;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Message templates (the reference's content management for SMS, email and push). A template's
 * {@code ${var}}s are declared with their binding (a tag of the template's entity type, or an
 * attribute of the triggering event) and what happens when a recipient has no value. Journeys use
 * a template by id; its content is copied when an action is recorded, so editing a template never
 * changes a send under way. A template that a live journey or an unfinished send uses cannot be
 * deleted.
 *
 * <p>Thread-safe. Errors: {@link InvalidInputException} naming the field, {@link
 * NotFoundException}, {@link ConflictException} (name taken, template in use).
 */
@Service
public class Templates {

  /** The largest page size of {@link #list}. */
  public static final int MAX_PAGE = 500;

  private final TemplateStore store;
  private final TemplateChecks checks;
  private final ProfileReader profiles;
  private final List<TemplateUsage> usages;
  private final Clock clock;
  private final String publicUrl;

  Templates(
      TemplateStore store,
      TemplateChecks checks,
      ProfileReader profiles,
      List<TemplateUsage> usages,
      Clock clock,
      @Value("${cairn.public-url:http://localhost:8080}") String publicUrl) {
    this.store = store;
    this.checks = checks;
    this.profiles = profiles;
    this.usages = usages;
    this.clock = clock;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  /** Templates by optional channel and name fragment, newest first; {@code page} from 0. */
  public Template.Page list(Channel channel, String nameContains, int page, int size) {
    return list(Workspaces.DEFAULT, channel, nameContains, page, size);
  }

  /** {@link #list(Channel, String, int, int)} in a workspace. */
  public Template.Page list(
      long workspaceId, Channel channel, String nameContains, int page, int size) {
    if (nameContains != null && nameContains.length() > 128) {
      throw new InvalidInputException("invalid-request", "name", "at most 128 characters");
    }
    return store.list(workspaceId, channel, nameContains, page, size);
  }

  public Template get(long id) {
    return store.find(id).orElseThrow(() -> new NotFoundException("template", id));
  }

  /** {@link #create(long, TemplateDraft)} in the default workspace. */
  @Transactional
  public Template create(TemplateDraft draft) {
    return create(Workspaces.DEFAULT, draft);
  }

  /** Creates a template in a workspace; names are unique within it. */
  @Transactional
  public Template create(long workspaceId, TemplateDraft draft) {
    TemplateChecks.Checked c = checks.check(draft);
    Instant now = clock.instant();
    try {
      return get(store.insert(workspaceId, of(0, c, now, now)));
    } catch (DuplicateKeyException e) {
      throw nameTaken(c.name());
    }
  }

  /** Replaces a template's name, content and variables; the channel cannot change. */
  @Transactional
  public Template update(long id, TemplateDraft draft) {
    Template old = get(id);
    if (draft != null && draft.channel() != null && draft.channel() != old.channel()) {
      throw new InvalidInputException(
          "invalid-template", "channel", "the channel of a template cannot change");
    }
    TemplateChecks.Checked c =
        checks.check(
            draft == null
                ? null
                : new TemplateDraft(
                    draft.name(),
                    old.channel(),
                    draft.entityType(),
                    draft.sms(),
                    draft.email(),
                    draft.push(),
                    draft.variables()));
    try {
      store.update(of(id, c, old.createdAt(), clock.instant()));
    } catch (DuplicateKeyException e) {
      throw nameTaken(c.name());
    }
    return get(id);
  }

  /**
   * Deletes a template nothing live uses. A refusal changes nothing, so it does not doom the
   * caller's transaction.
   */
  @Transactional(noRollbackFor = ConflictException.class)
  public void delete(long id) {
    get(id);
    List<String> uses = new ArrayList<>();
    usages.forEach(u -> uses.addAll(u.uses(id)));
    if (!uses.isEmpty()) {
      throw new ConflictException(
          "template-in-use", "template " + id + " is used by " + String.join(", ", uses));
    }
    store.delete(id);
  }

  /**
   * Renders a template for a sample entity (its tag values; event-bound variables count as empty)
   * or for given values by variable name. Short links show as {@code <public-url>/s/<code>/preview}
   * (a URL that does not redirect).
   *
   * @throws NotFoundException when the sample entity does not exist
   */
  public Preview preview(long id, PreviewRequest request) {
    Template t = get(id);
    if (request == null) {
      throw new InvalidInputException(
          "invalid-preview", "values", "give values, or entityType and externalId");
    }
    Map<String, String> values;
    if (request.externalId() != null && !request.externalId().isBlank()) {
      if (request.externalId().length() > 128) {
        throw new InvalidInputException("invalid-preview", "externalId", "1 to 128 characters");
      }
      String type = request.entityType() == null ? t.entityType() : request.entityType();
      if (!type.equals(t.entityType())) {
        throw new InvalidInputException(
            "invalid-preview", "entityType", "the template's variables are tags of " + t.entityType());
      }
      OptionalInt entity = profiles.entityId(type, request.externalId().strip());
      if (entity.isEmpty()) {
        throw new NotFoundException("entity", request.externalId().strip());
      }
      Set<String> tags = new HashSet<>();
      t.variables().forEach(v -> {
        if (v.tag() != null) {
          tags.add(v.tag());
        }
      });
      Map<String, String> tagValues =
          profiles.tagValues(type, new int[] {entity.getAsInt()}, tags)
              .getOrDefault(entity.getAsInt(), Map.of());
      return TemplateRendering.preview(
          t, v -> v.tag() == null ? null : tagValues.get(v.tag()), this::previewLink);
    }
    if (request.values() == null) {
      throw new InvalidInputException(
          "invalid-preview", "values", "give values, or entityType and externalId");
    }
    if (request.values().size() > 100) {
      throw new InvalidInputException("invalid-preview", "values", "at most 100 values");
    }
    request.values().forEach((k, v) -> {
      if (v != null && v.length() > 1_000) {
        throw new InvalidInputException("invalid-preview", "values", "a value has at most 1,000 characters");
      }
    });
    return TemplateRendering.preview(t, v -> request.values().get(v.name()), this::previewLink);
  }

  private String previewLink(String code) {
    return publicUrl + "/s/" + code + "/preview";
  }

  private static Template of(long id, TemplateChecks.Checked c, Instant created, Instant updated) {
    return new Template(
        id,
        c.name(),
        c.channel(),
        c.entityType(),
        c.sms(),
        c.email(),
        c.push(),
        c.variables(),
        0,
        created,
        updated);
  }

  private static ConflictException nameTaken(String name) {
    return new ConflictException("template-name-taken", "a template named '" + name + "' exists");
  }
}
