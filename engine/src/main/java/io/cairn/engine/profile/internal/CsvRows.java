package io.cairn.engine.profile.internal;

import io.cairn.engine.problem.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A UTF-8, RFC 4180 CSV file with a header row, as import rows. */
final class CsvRows implements RowSource {

  private final CSVParser parser;
  private final Iterator<CSVRecord> records;

  private CsvRows(CSVParser parser) {
    this.parser = parser;
    this.records = parser.iterator();
  }

  static CsvRows open(InputStream in) {
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    try {
      return new CsvRows(CSVParser.parse(reader, format()));
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      throw malformed(rootMessage(e));
    }
  }

  /** Reads the whole file once; throws {@link InvalidInputException} when it is not valid CSV. */
  static void checkWellFormed(Path file) {
    try (CsvRows rows = open(Files.newInputStream(file))) {
      while (rows.next() != null) {
        // only parsing matters here
      }
    } catch (IOException e) {
      throw malformed(e.getMessage());
    }
  }

  @Override
  public String problemType() {
    return "invalid-csv";
  }

  @Override
  public List<String> header() {
    return parser.getHeaderNames();
  }

  @Override
  public Record next() {
    try {
      if (!records.hasNext()) {
        return null;
      }
    } catch (UncheckedIOException | IllegalStateException e) {
      throw malformed("after line " + parser.getCurrentLineNumber() + ": " + rootMessage(e));
    }
    CSVRecord r = records.next();
    // the header is line 1
    return new Record(r.getRecordNumber() + 1, r.toList());
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CSVFormat format() {
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
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
}
