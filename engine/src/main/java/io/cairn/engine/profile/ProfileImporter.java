package io.cairn.engine.profile;

import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.profile.internal.ProfileImports;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Service;

/**
 * Imports profiles from CSV or from a configured JDBC source.
 *
 * <p>Conventions: UTF-8, comma-separated, RFC 4180 quoting, header row required. First column
 * {@code id} (external id, ≤ 128 characters), then identity columns ({@code mobile}, {@code email},
 * {@code openid}, {@code unionid}, {@code imei}, {@code idfa}, {@code oaid}; hashed-only sources
 * use {@code <type>_sha256} or {@code <type>_md5} with hex digests, see {@link IdentityDirectory}
 * for normalisation and the SHA-256 stored with every raw value) and tag codes of the entity type,
 * in any order. A raw column and its {@code _sha256} column cannot both appear. An empty cell
 * means "no value". Booleans {@code true}/{@code false}; dates and date-times ISO-8601 ({@code
 * 2024-08-06}, {@code 2024-08-06T10:00:00}); multi-value cells separated by {@code |}; numbers
 * plain decimals.
 *
 * <p>An unknown or repeated column, or a malformed file, refuses the whole import (nothing is
 * stored). A row with a bad value is rejected and reported; the other rows are stored. A later row
 * for an id already seen in the file replaces the earlier one, as importing it again would (so an
 * empty cell in the later row removes the earlier value); both count as imported. Values are kept
 * per snapshot date; importing an entity again for the same date replaces its values of the
 * imported columns. The file is streamed, never held in memory, and neither are the ids seen.
 * Thread-safe.
 */
@Service
public class ProfileImporter {

  private final ProfileImports imports;
  private final Clock clock;

  ProfileImporter(ProfileImports imports, Clock clock) {
    this.imports = imports;
    this.clock = clock;
  }

  /**
   * Imports the rows of a table or a single SELECT on a configured source ({@code
   * cairn.sources.<name>}). Result columns map exactly like CSV headers (labels compared
   * case-insensitively, the {@code id} column may be anywhere); values are converted to the CSV
   * conventions (dates ISO-8601, NULL = no value). Rows stream from the database (MySQL: a
   * streaming result; others: a fetch size) and are written in the same chunks as CSV, with the
   * same per-row errors, whose {@code line} is the 1-based row number of the result. The read
   * runs on a read-only connection in a transaction that is rolled back.
   *
   * @throws io.cairn.engine.problem.InvalidInputException naming {@code entityType}, {@code
   *     source} (unknown or unreachable), {@code table} (not a plain name, no such table) or
   *     {@code query} (not a single read-only SELECT, refused by the database), or the columns
   */
  public ImportReport importJdbc(JdbcImportRequest request) {
    EntityTypes.require(request.entityType(), "entityType");
    if (request.source() == null || request.source().isBlank()) {
      throw new InvalidInputException("unknown-source", "source", "source is required");
    }
    boolean hasTable = request.table() != null && !request.table().isBlank();
    boolean hasQuery = request.query() != null && !request.query().isBlank();
    if (hasTable == hasQuery) {
      throw new InvalidInputException(
          "invalid-source-query",
          hasTable ? "query" : "table",
          "give either table or query" + (hasTable ? ", not both" : ""));
    }
    return imports.runJdbc(
        request.entityType(),
        request.source(),
        hasTable ? request.table() : null,
        hasQuery ? request.query() : null,
        day(request.snapshotDate()));
  }

  private LocalDate day(LocalDate snapshotDate) {
    return snapshotDate != null
        ? snapshotDate
        : LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
  }

  /**
   * @param snapshotDate the date the values hold for; {@code null} means yesterday (UTC)
   * @throws io.cairn.engine.problem.InvalidInputException for an unknown entity type, unknown
   *     columns or a malformed file
   */
  public ImportReport importCsv(String entityType, InputStream csv, LocalDate snapshotDate) {
    EntityTypes.require(entityType, "entityType");
    return imports.run(entityType, csv, day(snapshotDate));
  }
}
