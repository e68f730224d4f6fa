package io.cairn.engine.coupon.internal;

import io.cairn.engine.coupon.CodeImportReport;
import io.cairn.engine.problem.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an uploaded file of codes: a header row {@code code}, then one code per line, UTF-8, at
 * most {@value #MAX_BYTES} bytes and {@value #MAX_LINES} lines (the reference's limit per file).
 * The file is streamed; only the distinct codes are kept. A line without a usable code is a problem
 * of that line; a file that breaks the format (no header, too large, not UTF-8, an unclosed quote)
 * is refused as a whole with {@link InvalidInputException} naming {@code file}. Nothing here ever
 * puts a code into a message.
 */
public final class CodeFile {

  /** The upload limit: 8 MB. */
  public static final long MAX_BYTES = 8L * 1024 * 1024;

  /** Data lines per file. */
  public static final int MAX_LINES = 100_000;

  /** The longest code. */
  public static final int MAX_CODE = 64;

  /** What a file holds: the distinct usable codes by first line, and the per-line findings. */
  record Read(
      Map<String, Long> codes,
      long rows,
      long duplicates,
      long invalid,
      List<CodeImportReport.Problem> problems) {}

  private CodeFile() {}

  static Read read(InputStream in) {
    Map<String, Long> codes = new LinkedHashMap<>();
    List<CodeImportReport.Problem> problems = new ArrayList<>();
    long rows = 0;
    long duplicates = 0;
    long invalid = 0;
    // Empty lines are kept so that a blank line is reported, not silently passed over.
    CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
    try (CSVParser parser = format.parse(reader(in))) {
      boolean header = true;
      for (CSVRecord r : parser) {
        if (header) {
          header(r);
          header = false;
          continue;
        }
        if (++rows > MAX_LINES) {
          throw refused("more than " + MAX_LINES + " codes; split the file");
        }
        long line = parser.getCurrentLineNumber();
        String problem = problem(r);
        if (problem != null) {
          invalid++;
          add(problems, line, problem);
        } else if (codes.putIfAbsent(r.get(0).strip(), line) != null) {
          duplicates++;
          add(problems, line, "repeats the code of line " + codes.get(r.get(0).strip()));
        }
      }
      if (header) {
        throw refused("the file is empty; it needs a header row naming the code column (code)");
      }
    } catch (IOException e) {
      throw unreadable(e);
    } catch (UncheckedIOException e) {
      // commons-csv wraps the reader's failures, the size limit among them
      throw unreadable(e.getCause());
    } catch (IllegalStateException e) {
      throw refused("not a well-formed CSV file");
    }
    return new Read(codes, rows, duplicates, invalid, problems);
  }

  /** The parser's own messages may quote the file, so none is passed on. */
  private static InvalidInputException unreadable(IOException e) {
    if (e instanceof TooLarge) {
      return refused("larger than 8 MB; split the file");
    }
    if (e instanceof CharacterCodingException) {
      return refused("not a text file in UTF-8");
    }
    return refused("not a well-formed CSV file (an unclosed quote?)");
  }

  /** What makes a line unusable, or null. */
  private static String problem(CSVRecord r) {
    if (r.size() > 1) {
      return "has " + r.size() + " columns; the file has one column, code";
    }
    String code = r.get(0).strip();
    if (code.isEmpty()) {
      return "has no code";
    }
    if (code.length() > MAX_CODE) {
      return "the code is longer than " + MAX_CODE + " characters";
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return "the code contains a space or a control character";
      }
    }
    return null;
  }

  private static void header(CSVRecord r) {
    String first = r.get(0).replace("\uFEFF", "").strip();
    if (!first.equalsIgnoreCase("code") || r.size() > 1) {
      // The first line is not echoed: without a header it is likely a code.
      throw refused("the first line must be a header naming the one column: code");
    }
  }

  private static void add(List<CodeImportReport.Problem> problems, long line, String what) {
    if (problems.size() < CodeImportReport.MAX_PROBLEMS) {
      problems.add(new CodeImportReport.Problem(line, what));
    }
  }

  /** UTF-8, strict, and at most {@link #MAX_BYTES}. */
  private static Reader reader(InputStream in) {
    InputStream limited =
        new InputStream() {
          long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && ++read > MAX_BYTES) {
              throw new TooLarge();
            }
            return b;
          }

          @Override
          public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0 && (read += n) > MAX_BYTES) {
              throw new TooLarge();
            }
            return n;
          }
        };
    return new InputStreamReader(
        limited,
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /** The size limit, thrown through the reader so that parsing stops at once. */
  private static final class TooLarge extends IOException {
    TooLarge() {
      super("too large");
    }
  }

  static InvalidInputException refused(String message) {
    return new InvalidInputException("invalid-csv", "file", message);
  }
}
