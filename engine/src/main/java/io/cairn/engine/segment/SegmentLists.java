package io.cairn.engine.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.profile.EntityTypes;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.segment.internal.SettingsParser;
import io.cairn.engine.workspace.Workspaces;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Service;

/**
 * Custom-list segments from an uploaded CSV: a header row naming the id column ({@code id}, the
 * entity's external id), then one id per line; at most {@value #MAX_BYTES} bytes. Ids that name
 * no entity are counted and reported with their line numbers, never silently dropped; a file
 * without a usable header, over the size limit, or with no id matching an entity is refused and
 * nothing is stored.
 */
@Service
public class SegmentLists {

  /** The upload limit: 10 MB. */
  public static final long MAX_BYTES = 10L * 1024 * 1024;

  /** What the template download holds. */
  public static final String TEMPLATE = "id\nCUST-0001\nCUST-0002\n";

  private static final int MAX_ID = 128;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProfileReader profiles;
  private final SegmentService segments;
  private final SettingsParser settingsParser;
  private final Clock clock;

  SegmentLists(
      ProfileReader profiles, SegmentService segments, SettingsParser settingsParser, Clock clock) {
    this.profiles = profiles;
    this.segments = segments;
    this.settingsParser = settingsParser;
    this.clock = clock;
  }

  /**
   * Creates an ACTIVE list segment from the CSV.
   *
   * @throws InvalidInputException naming {@code file}, {@code name}, {@code entityType} or a
   *     {@code settings} field; nothing is stored
   */
  public Segment create(String name, String entityType, JsonNode settings, InputStream csv) {
    return create(Workspaces.DEFAULT, name, entityType, settings, csv);
  }

  /** {@link #create(String, String, JsonNode, InputStream)} in a workspace. */
  public Segment create(
      long workspaceId, String name, String entityType, JsonNode settings, InputStream csv) {
    List<Violation> v = new ArrayList<>();
    if (name == null || name.isBlank() || name.trim().length() > 128) {
      v.add(new Violation("name", "a name has 1 to 128 characters"));
    }
    EntityTypes.require(entityType, "entityType");
    SegmentSettings s = settingsParser.parse(settings, SegmentSettings.defaults(), clock.instant(), v);
    SegmentService.throwIfAny(v);

    Map<String, Long> firstLine = new LinkedHashMap<>();
    List<ListReport.Problem> problems = new ArrayList<>();
    long rows = 0;
    long duplicates = 0;
    long invalid = 0;
    try (CSVParser parser = CSVFormat.DEFAULT.builder().get().parse(reader(csv))) {
      boolean header = true;
      for (CSVRecord r : parser) {
        if (header) {
          header(r);
          header = false;
          continue;
        }
        if (r.size() == 1 && r.get(0).isBlank()) {
          continue;
        }
        rows++;
        long line = parser.getCurrentLineNumber();
        String id = r.get(0).trim();
        if (r.size() > 1) {
          throw refused("line " + line + " has " + r.size() + " columns; the file has one id column");
        }
        if (id.isEmpty() || id.length() > MAX_ID) {
          invalid++;
          problem(problems, line, id, "an id has 1 to " + MAX_ID + " characters");
        } else if (firstLine.putIfAbsent(id, line) != null) {
          duplicates++;
        }
      }
      if (header) {
        throw refused("the file is empty; it needs a header row naming the id column (id)");
      }
    } catch (IOException e) {
      throw refused("not a readable CSV file in UTF-8: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw refused("not a readable CSV file in UTF-8: " + e.getCause().getMessage());
    }

    Map<String, Integer> found = profiles.entityIds(entityType, firstLine.keySet());
    RoaringBitmap members = new RoaringBitmap();
    found.values().forEach(members::add);
    long unmatched = 0;
    for (Map.Entry<String, Long> e : firstLine.entrySet()) {
      if (!found.containsKey(e.getKey())) {
        unmatched++;
        problem(problems, e.getValue(), e.getKey(), "no " + entityType + " has this id");
      }
    }
    problems.sort(java.util.Comparator.comparingLong(ListReport.Problem::line));
    ListReport report = new ListReport(rows, members.getLongCardinality(), unmatched, duplicates,
        invalid, problems.size() > ListReport.MAX_PROBLEMS ? problems.subList(0, ListReport.MAX_PROBLEMS) : problems);
    if (members.isEmpty()) {
      throw refused(rows == 0
          ? "the file has a header but no ids"
          : "none of the " + firstLine.size() + " ids names a " + entityType
              + (problems.isEmpty() ? "" : " (first: line " + problems.get(0).line() + ")"));
    }
    Map<String, Object> definition = new HashMap<>();
    definition.put("idColumn", "id");
    definition.put("rows", rows);
    return segments.createFixed(workspaceId, name.trim(), entityType, SegmentKind.LIST, json(definition), s,
        members, json(report));
  }

  private static void header(CSVRecord r) {
    String first = r.get(0).replace("\uFEFF", "").trim();
    if (!first.equalsIgnoreCase("id")) {
      throw refused("the first line must be a header naming the id column: id (found '"
          + (first.length() > 40 ? first.substring(0, 40) + "…" : first) + "')");
    }
    if (r.size() > 1) {
      throw refused("one id column is allowed; the header has " + r.size());
    }
  }

  private static void problem(List<ListReport.Problem> problems, long line, String id, String what) {
    // collect a few more than shown so that sorting by line keeps the earliest ones
    if (problems.size() < ListReport.MAX_PROBLEMS * 2) {
      problems.add(new ListReport.Problem(line, id.length() > MAX_ID ? id.substring(0, MAX_ID) : id, what));
    }
  }

  /** UTF-8, strict, and at most {@link #MAX_BYTES}. */
  private static Reader reader(InputStream in) {
    InputStream limited = new InputStream() {
      long read;

      @Override
      public int read() throws IOException {
        int b = in.read();
        if (b >= 0 && ++read > MAX_BYTES) {
          throw tooLarge();
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0 && (read += n) > MAX_BYTES) {
          throw tooLarge();
        }
        return n;
      }
    };
    return new InputStreamReader(limited, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  private static InvalidInputException tooLarge() {
    return refused("larger than 10 MB; split the list or import the ids as a table");
  }

  private static InvalidInputException refused(String message) {
    return new InvalidInputException("invalid-csv", "file", message);
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
