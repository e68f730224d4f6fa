/**
 * Profiles: entities (external id to dense id), identities, the tag catalog, tag values per snapshot date, CSV import and batch reads. Owns the cairn_entity*, cairn_tag*, cairn_identity tables. Depends on problem and the connectors' IdType.
 */
package io.cairn.engine.profile;
