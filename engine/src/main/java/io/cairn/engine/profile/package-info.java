/**
 * Profiles: entities (external id to dense id), identities in raw and hashed forms with lookups,
 * the tag catalog, tag values per snapshot date and their retention, imports from CSV and from
 * configured JDBC sources ({@code cairn.sources.*}, also read by {@link
 * io.cairn.engine.profile.ExternalTables} for TABLE segments) and batch reads. Owns the
 * cairn_entity*, cairn_tag*, cairn_identity* and cairn_profile_import tables. Depends on problem
 * and the connectors' IdType.
 */
package io.cairn.engine.profile;
