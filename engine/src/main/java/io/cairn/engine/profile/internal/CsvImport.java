package io.cairn.engine.profile.internal;

import io.cairn.connectors.channel.IdType;
import io.cairn.engine.profile.IdForm;
import io.cairn.engine.profile.ImportError;
import io.cairn.engine.profile.ImportReport;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One streaming profile import: reads the CSV record by record, validates each row, and hands
 * valid rows to the writer in chunks, one transaction per chunk. The caller checks the file is
 * well-formed first ({@link #checkWellFormed}), so a malformed file never stores anything.
 */
final class CsvImport {

  static final int MAX_ERRORS = 1_000;
  private static final int CHUNK = 2_000;

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
  private final Set<String> importedTags = new java.util.TreeSet<>();
  private long rejected;
  private long imported;

  CsvImport(
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

  private static CSVFormat format() {
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
  }

  /** Reads the whole file once; throws {@link InvalidInputException} when it is not valid CSV. */
  static void checkWellFormed(java.nio.file.Path file) {
    try (Reader reader = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format())) {
      Iterator<CSVRecord> records = parser.iterator();
      while (next(records, parser)) {
        records.next();
      }
    } catch (IOException e) {
      throw malformed(e.getMessage());
    }
  }

  ImportReport run(InputStream in) {
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    try (CSVParser parser = CSVParser.parse(reader, format())) {
      List<Column> columns = columns(parser.getHeaderNames());
      columns.stream().filter(c -> c.tag() != null).forEach(c -> importedTags.add(c.tag().code()));
      Set<String> seen = new HashSet<>();
      List<Row> chunk = new ArrayList<>(CHUNK);
      Iterator<CSVRecord> records = parser.iterator();
      while (next(records, parser)) {
        CSVRecord record = records.next();
        Row row = row(record, columns, record.getRecordNumber() + 1, seen);
        if (row != null) {
          chunk.add(row);
          if (chunk.size() == CHUNK) {
            flush(chunk, columns);
          }
        }
      }
      flush(chunk, columns);
    } catch (IOException e) {
      throw malformed(e.getMessage());
    }
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

  private static boolean next(Iterator<CSVRecord> records, CSVParser parser) {
    try {
      return records.hasNext();
    } catch (UncheckedIOException | IllegalStateException e) {
      throw malformed(
          "after line " + parser.getCurrentLineNumber() + ": " + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  private static InvalidInputException malformed(String detail) {
    return new InvalidInputException(
        "invalid-csv", "file", "the CSV is malformed (nothing was imported): " + detail);
  }

  private List<Column> columns(List<String> header) {
    if (header.isEmpty() || !header.get(0).trim().equals("id")) {
      throw new InvalidInputException(
          "invalid-csv", "header", "the first header column must be 'id' (nothing was imported)");
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
        if (c.form() != IdForm.RAW && names.contains(c.idType().code())
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
          "invalid-csv", "The CSV header has unknown columns; nothing was imported", unknown);
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

  private Row row(CSVRecord record, List<Column> columns, long line, Set<String> seen) {
    long errorCount = 0;
    if (record.size() != columns.size() + 1) {
      return reject(line, "id", "expected " + (columns.size() + 1) + " cells, found " + record.size());
    }
    String id = record.get(0).trim();
    if (id.isEmpty() || id.length() > 128) {
      return reject(line, "id", "the id is empty or longer than 128 characters");
    }
    if (!seen.add(id)) {
      return reject(line, "id", "duplicate id " + id + " in this file");
    }
    Map<Column, List<TagValues.Value>> values = new java.util.LinkedHashMap<>();
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

  private void flush(List<Row> chunk, List<Column> columns) {
    if (chunk.isEmpty()) {
      return;
    }
    tx.executeWithoutResult(s -> writer.write(entityType, snapshot, chunk, columns));
    imported += chunk.size();
    chunk.clear();
  }
}
