package io.cairn.engine.profile.internal;

import io.cairn.engine.profile.ImportReport;
import io.cairn.engine.profile.ProfilesImported;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an import: the upload is spooled to a temporary file and checked to be well-formed CSV
 * first, so a malformed file stores nothing; then rows are written in chunks, each chunk in its own
 * transaction, so a million-row import never holds one giant transaction. Readers are told once it
 * is done.
 */
@Component
public class ProfileImports {

  private final TagCatalog catalog;
  private final ProfileWriter writer;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ExternalSources sources;

  ProfileImports(
      TagCatalog catalog,
      ProfileWriter writer,
      TransactionTemplate tx,
      ApplicationEventPublisher events,
      JdbcTemplate jdbc,
      Clock clock,
      ExternalSources sources) {
    this.sources = sources;
    this.catalog = catalog;
    this.writer = writer;
    this.tx = tx;
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Imports that stored rows but did not finish telling readers (the process stopped) are told
   * now: readers rebuild from rows, so telling twice is harmless and telling never is not.
   */
  @EventListener(ApplicationReadyEvent.class)
  void resumeUnfinished() {
    jdbc.query(
            "SELECT id, entity_type, snapshot_date, tags FROM cairn_profile_import ORDER BY id",
            (rs, i) ->
                Map.entry(
                    rs.getLong(1),
                    new ProfilesImported(
                        rs.getString(2),
                        rs.getDate(3).toLocalDate(),
                        Set.of(rs.getString(4).split(",")).stream()
                            .filter(t -> !t.isEmpty())
                            .collect(Collectors.toUnmodifiableSet()))))
        .forEach(
            e -> {
              events.publishEvent(e.getValue());
              jdbc.update("DELETE FROM cairn_profile_import WHERE id = ?", e.getKey());
            });
  }

  public ImportReport run(String entityType, InputStream csv, LocalDate snapshot) {
    Map<String, TagDefinition> tags = tags(entityType);
    Path spool = null;
    try {
      spool = Files.createTempFile("cairn-import", ".csv");
      Files.copy(csv, spool, StandardCopyOption.REPLACE_EXISTING);
      CsvRows.checkWellFormed(spool);
      try (CsvRows rows = CsvRows.open(Files.newInputStream(spool))) {
        return run(entityType, snapshot, tags, rows);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the upload could not be read or spooled", e);
    } finally {
      deleteQuietly(spool);
    }
  }

  /** Imports the rows of a table or a SELECT on a configured source (exactly one is non-null). */
  public ImportReport runJdbc(
      String entityType, String source, String table, String query, LocalDate snapshot) {
    Map<String, TagDefinition> tags = tags(entityType);
    ExternalSources.Reading reading =
        table != null
            ? sources.openTable(source, table, "table")
            : sources.openQuery(source, query, "query");
    JdbcRows rows;
    try {
      rows = new JdbcRows(reading);
    } catch (RuntimeException e) {
      reading.close();
      throw e;
    }
    try (rows) {
      return run(entityType, snapshot, tags, rows);
    }
  }

  /** Imports rows from any source; the import is recorded until readers were told. */
  ImportReport run(
      String entityType, LocalDate snapshot, Map<String, TagDefinition> tags, RowSource rows) {
    long importId = started(entityType, snapshot, tags.keySet());
    RowImport rowImport = new RowImport(entityType, snapshot, tags, writer, tx);
    try {
      return rowImport.run(rows);
    } finally {
      // also after a failure part-way: the chunks committed so far are stored
      if (rowImport.importedSoFar() > 0) {
        events.publishEvent(new ProfilesImported(entityType, snapshot, rowImport.importedTags()));
      }
      jdbc.update("DELETE FROM cairn_profile_import WHERE id = ?", importId);
    }
  }

  /** Records the import (with every tag it may write) until its readers have been told. */
  private long started(String entityType, LocalDate snapshot, Set<String> tags) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_profile_import (entity_type, snapshot_date, tags, started_at)"
                      + " VALUES (?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setString(1, entityType);
          ps.setDate(2, java.sql.Date.valueOf(snapshot));
          ps.setString(3, String.join(",", tags));
          ps.setTimestamp(4, Timestamp.from(clock.instant()));
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  private Map<String, TagDefinition> tags(String entityType) {
    Map<String, TagDefinition> tags = new LinkedHashMap<>();
    catalog.list(entityType).forEach(t -> tags.put(t.code(), t));
    return tags;
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        file.toFile().deleteOnExit();
      }
    }
  }
}
