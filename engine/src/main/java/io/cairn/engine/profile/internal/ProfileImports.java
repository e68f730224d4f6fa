package io.cairn.engine.profile.internal;

import io.cairn.engine.profile.ImportReport;
import io.cairn.engine.profile.ProfilesImported;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs an import in one transaction and announces it once committed. */
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
    ImportReport report =
        tx.execute(s -> new CsvImport(entityType, snapshot, tags, writer).run(csv));
    if (report.imported() > 0) {
      events.publishEvent(new ProfilesImported(entityType));
    }
    return report;
  }
}
