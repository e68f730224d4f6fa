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

  ProfileImports(
      TagCatalog catalog,
      ProfileWriter writer,
      TransactionTemplate tx,
      ApplicationEventPublisher events) {
    this.catalog = catalog;
    this.writer = writer;
    this.tx = tx;
    this.events = events;
  }

  public ImportReport run(String entityType, InputStream csv, LocalDate snapshot) {
    Map<String, TagDefinition> tags = new LinkedHashMap<>();
    catalog.list(entityType).forEach(t -> tags.put(t.code(), t));
    Path spool = null;
    try {
      spool = Files.createTempFile("cairn-import", ".csv");
      Files.copy(csv, spool, StandardCopyOption.REPLACE_EXISTING);
      CsvImport.checkWellFormed(spool);
      ImportReport report;
      try (InputStream in = Files.newInputStream(spool)) {
        report = new CsvImport(entityType, snapshot, tags, writer, tx).run(in);
      }
      if (report.imported() > 0) {
        events.publishEvent(new ProfilesImported(entityType));
      }
      return report;
    } catch (IOException e) {
      throw new UncheckedIOException("the upload could not be read or spooled", e);
    } finally {
      deleteQuietly(spool);
    }
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
