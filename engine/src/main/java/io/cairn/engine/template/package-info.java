/**
 * Content management: message templates for SMS, email and push ({@link
 * io.cairn.engine.template.Templates}: CRUD, validation against the tag catalog, preview with a
 * sample entity), the snapshot of a template's content into an action's settings when the action
 * is recorded, and short links ({@link io.cairn.engine.template.ShortLinks}) whose per-recipient,
 * signed URLs record each click as a {@code link_click} event. Owns cairn_template,
 * cairn_template_use, cairn_short_link and cairn_short_link_click. A template belongs to a
 * workspace (given to {@code create} and {@code list}; names are unique within it); id-based
 * operations do not look at the workspace, the caller checks it first ({@link
 * io.cairn.engine.workspace.Workspaces#require}). Short links are shared by all workspaces.
 *
 * <p>Depends on {@code delivery} (the {@code ActionContent} and {@code SettingsCheck} SPIs),
 * {@code profile} (tags, sample entities), {@code event} (click events), {@code workspace},
 * {@code problem} and the
 * connectors' {@code content}, {@code sms}, {@code email} and {@code push} packages. Journeys
 * tell which templates they use through {@link io.cairn.engine.template.TemplateUsage}.
 */
package io.cairn.engine.template;
