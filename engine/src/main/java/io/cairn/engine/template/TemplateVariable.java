package io.cairn.engine.template;

import io.cairn.connectors.content.EmptyValuePolicy;

/**
 * The binding of one {@code ${name}} of a template: exactly one of {@code tag} and {@code
 * eventAttribute}.
 *
 * @param name the placeholder's name (1–64 letters, digits, {@code _ . -})
 * @param tag the code of a tag of the template's entity type (cohort journeys)
 * @param eventAttribute the attribute of the triggering event (event journeys)
 * @param onEmpty SKIP the recipient or REPLACE the value when it is empty; {@code null} means SKIP
 * @param replacement the text used under REPLACE (not blank)
 */
public record TemplateVariable(
    String name, String tag, String eventAttribute, EmptyValuePolicy onEmpty, String replacement) {}
