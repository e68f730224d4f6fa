package io.cairn.engine.profile.internal;

import io.cairn.connectors.channel.IdType;
import io.cairn.engine.profile.IdForm;
import io.cairn.engine.profile.ImportError;
import io.cairn.engine.profile.ImportReport;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One streaming profile import, the same for every {@link RowSource}: maps the header to identity
 * and tag columns, validates each record, and hands valid rows to the writer in chunks, one
 * transaction per chunk.
 *
 * <p>Repeated ids: a later row for the same id replaces the earlier one, exactly as importing it
 * again would. Within a chunk the later row wins in a map keyed by id; across chunks the writer
 * replaces the values of the imported columns of entities that already exist. So memory is bounded
 * by the chunk, not the file: the former "reject duplicates" check kept a {@code HashSet} of every
 * id, roughly 100 bytes per id (String ~56 bytes with its array, HashMap node 32, table slot 8),
 * about 200 MB for a 2-million-row file; now the heap held is one chunk of {@value #CHUNK} rows
 * (a few MB with dozens of columns) whatever the file size.
 */
final class RowImport {

  static final int MAX_ERRORS = 1_000;
  static final int CHUNK = 2_000;

  /** A header column: an identity type in one form, or a tag. */
  record Column(int index, String name, IdType idType, IdForm form, TagDefinition tag) {
    Column withIndex(int i) {
      return new Column(i, name, idType, form, tag);
    }
  }

  /** An identity to store. */
  record StoredId(IdType type, IdForm form, String value) {}

  /** A valid row. */
  record Row(String externalId, Map<Column, List<TagValues.Value>> tags, List<StoredId> ids) {}

  private final String entityType;
  private final LocalDate snapshot;
  private final Map<String, TagDefinition> tags;
  private final ProfileWriter writer;
  private final TransactionTemplate tx;
  private final List<ImportError> errors = new ArrayList<>();
  private final Set<String> importedTags = new TreeSet<>();
  private long rejected;
  private long imported;

  RowImport(
      String entityType,
      LocalDate snapshot,
      Map<String, TagDefinition> tags,
      ProfileWriter writer,
      TransactionTemplate tx) {
    this.entityType = entityType;
    this.snapshot = snapshot;
    this.tags = tags;
    this.writer = writer;
    this.tx = tx;
  }

  ImportReport run(RowSource source) {
    List<Column> columns = columns(source.header(), source.problemType());
    columns.stream().filter(c -> c.tag() != null).forEach(c -> importedTags.add(c.tag().code()));
    Map<String, Row> chunk = new LinkedHashMap<>();
    long read = 0;
    for (RowSource.Record record = source.next(); record != null; record = source.next()) {
      Row row = row(record.cells(), columns, record.line());
      if (row != null) {
        chunk.put(row.externalId(), row); // a later row for the same id replaces the earlier one
        read++;
        if (chunk.size() == CHUNK) {
          flush(chunk, columns, read);
          read = 0;
        }
      }
    }
    flush(chunk, columns, read);
    return new ImportReport(imported, rejected, List.copyOf(errors));
  }

  /** Rows stored so far (committed chunks). */
  long importedSoFar() {
    return imported;
  }

  /** The tag codes of the header (their values on the snapshot date were replaced). */
  Set<String> importedTags() {
    return Set.copyOf(importedTags);
  }

  private List<Column> columns(List<String> header, String problemType) {
    if (header.isEmpty() || !header.get(0).trim().equals("id")) {
      throw new InvalidInputException(
          problemType, "header", "the first column must be 'id' (nothing was imported)");
    }
    List<Violation> unknown = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 1; i < header.size(); i++) {
      String name = header.get(i).trim();
      if (!names.add(name)) {
        unknown.add(new Violation(name, "column appears twice"));
      } else if (identityColumn(name) != null) {
        Column c = identityColumn(name).withIndex(i);
        // a raw column also writes the SHA-256 form: with a _sha256 column both would write it
        if (c.form() == IdForm.SHA256 && names.contains(c.idType().code())
            || c.form() == IdForm.RAW && names.contains(c.idType().code() + "_sha256")) {
          unknown.add(
              new Violation(
                  name,
                  "use either " + c.idType().code() + " or " + c.idType().code()
                      + "_sha256: the raw column already stores its SHA-256"));
        }
        columns.add(c);
      } else if (tags.containsKey(name)) {
        columns.add(new Column(i, name, null, null, tags.get(name)));
      } else {
        unknown.add(
            new Violation(name, "unknown column: not an identity type nor a " + entityType + " tag"));
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidInputException(
          problemType, "The header has unknown columns; nothing was imported", unknown);
    }
    return columns;
  }

  /** {@code mobile}, {@code mobile_sha256}, {@code email_md5} …; null for other names. */
  private static Column identityColumn(String name) {
    int cut = name.lastIndexOf('_');
    String type = name;
    IdForm form = IdForm.RAW;
    if (cut > 0) {
      String suffix = name.substring(cut + 1);
      if (suffix.equalsIgnoreCase("sha256") || suffix.equalsIgnoreCase("md5")) {
        type = name.substring(0, cut);
        form = IdForm.parse(suffix, name);
      }
    }
    return IdType.isIdType(type) ? new Column(-1, name, IdType.fromCode(type), form, null) : null;
  }

  private Row row(List<String> record, List<Column> columns, long line) {
    long errorCount = 0;
    if (record.size() != columns.size() + 1) {
      return reject(line, "id", "expected " + (columns.size() + 1) + " cells, found " + record.size());
    }
    String id = record.get(0).trim();
    if (id.isEmpty() || id.length() > 128) {
      return reject(line, "id", "the id is empty or longer than 128 characters");
    }
    Map<Column, List<TagValues.Value>> values = new LinkedHashMap<>();
    List<StoredId> ids = new ArrayList<>(2);
    for (Column c : columns) {
      String cell = record.get(c.index());
      if (cell.isBlank()) {
        continue;
      }
      try {
        if (c.idType() != null) {
          addIdentity(ids, c, cell);
        } else {
          values.put(c, TagValues.parse(c.tag().type(), cell));
        }
      } catch (IllegalArgumentException e) {
        errorCount++;
        addError(line, c.name(), e.getMessage());
      }
    }
    if (errorCount > 0) {
      rejected++;
      return null;
    }
    return new Row(id, values, ids);
  }

  private static void addIdentity(List<StoredId> ids, Column c, String cell) {
    if (c.form() == IdForm.RAW) {
      String raw = Identities.normalise(c.idType(), cell);
      ids.add(new StoredId(c.idType(), IdForm.RAW, raw));
      ids.add(new StoredId(c.idType(), IdForm.SHA256, Identities.sha256(c.idType(), raw)));
    } else {
      ids.add(new StoredId(c.idType(), c.form(), Identities.hex(c.form(), cell)));
    }
  }

  private Row reject(long line, String column, String message) {
    rejected++;
    addError(line, column, message);
    return null;
  }

  private void addError(long line, String column, String message) {
    if (errors.size() < MAX_ERRORS) {
      errors.add(new ImportError(line, column, message));
    }
  }

  private void flush(Map<String, Row> chunk, List<Column> columns, long rows) {
    if (chunk.isEmpty()) {
      return;
    }
    List<Row> distinct = List.copyOf(chunk.values());
    tx.executeWithoutResult(s -> writer.write(entityType, snapshot, distinct, columns));
    imported += rows; // replaced rows count too: they were valid and applied in file order
    chunk.clear();
  }
}
