package io.cairn.engine.profile;

import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.profile.internal.ExternalSources;
import org.springframework.stereotype.Service;

/**
 * Reads one column of a table or a read-only SELECT on a configured source ({@code
 * cairn.sources.<name>}): what TABLE segments are made of. Same rules and defences as {@link
 * ProfileImporter#importJdbc}. Thread-safe; each call opens its own connection.
 */
@Service
public class ExternalTables {

  private final ExternalSources sources;

  ExternalTables(ExternalSources sources) {
    this.sources = sources;
  }

  /**
   * Streams the non-empty values of {@code column} (trimmed, converted to text like import
   * cells), in the database's order, without holding them in memory. The stream holds a
   * connection: close it (try-with-resources).
   *
   * @param tableOrQuery a plain table name ({@code name} or {@code schema.name}), or else a single
   *     read-only SELECT
   * @param column the column label, compared case-insensitively
   * @throws InvalidInputException naming {@code source}, {@code table}, {@code query} or {@code
   *     column}
   */
  public java.util.stream.Stream<String> ids(String source, String tableOrQuery, String column) {
    return sources.column(source, tableOrQuery, column);
  }
}
