package io.cairn.engine.profile;

/**
 * A tag of the catalog.
 *
 * @param code identifier used in CSV headers, rules and templates: {@code [a-z][a-z0-9_]{0,63}}
 * @param name display name
 * @param type value type
 * @param entityType {@code user}, {@code merchant} or {@code store}
 * @param description optional explanation for marketers
 */
public record TagDefinition(
    String code, String name, TagType type, String entityType, String description) {}
