package io.cairn.engine.profile;

import java.time.LocalDate;

/**
 * A profile import from a configured JDBC source: exactly one of {@code table} and {@code query}.
 *
 * @param entityType {@code user}, {@code merchant} or {@code store}
 * @param source the name of a configured source ({@code cairn.sources.<name>})
 * @param table a table or view name ({@code name} or {@code schema.name}: letters, digits, {@code _})
 * @param query a single read-only SELECT (it may start with WITH); no {@code ;}, no comments
 * @param snapshotDate the date the values hold for; {@code null} means yesterday (UTC)
 */
public record JdbcImportRequest(
    String entityType, String source, String table, String query, LocalDate snapshotDate) {}
