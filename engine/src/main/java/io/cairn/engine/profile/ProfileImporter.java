package io.cairn.engine.profile;

import io.cairn.engine.profile.internal.ProfileImports;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Service;

/**
 * Imports profiles from CSV.
 *
 * <p>Conventions: UTF-8, comma-separated, RFC 4180 quoting, header row required. First column
 * {@code id} (external id, ≤ 128 characters), then identity columns ({@code mobile}, {@code email},
 * {@code openid}, {@code unionid}, {@code imei}, {@code idfa}, {@code oaid}; hashed-only sources
 * use {@code <type>_sha256} or {@code <type>_md5} with hex digests, see {@link IdentityDirectory}
 * for normalisation and the SHA-256 stored with every raw value) and tag codes of the entity type,
 * in any order. A raw column and its {@code _sha256} column cannot both appear. An empty cell means "no value". Booleans {@code true}/{@code false};
 * dates and date-times ISO-8601 ({@code 2024-08-06}, {@code 2024-08-06T10:00:00}); multi-value
 * cells separated by {@code |}; numbers plain decimals.
 *
 * <p>An unknown or repeated column, or a malformed file, refuses the whole import (nothing is
 * stored). A row with a bad value is rejected and reported; the other rows are stored. A later row
 * for an id already seen in the file replaces the earlier one, as importing it again would (so an
 * empty cell in the later row removes the earlier value); both count as imported. Values are kept per snapshot date; importing an entity again for the same date replaces
 * its values of the imported columns. The file is streamed, never held in memory. Thread-safe.
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
   * @param snapshotDate the date the values hold for; {@code null} means yesterday (UTC)
   * @throws io.cairn.engine.problem.InvalidInputException for an unknown entity type, unknown
   *     columns or a malformed file
   */
  public ImportReport importCsv(String entityType, InputStream csv, LocalDate snapshotDate) {
    EntityTypes.require(entityType, "entityType");
    LocalDate day =
        snapshotDate != null ? snapshotDate : LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
    return imports.run(entityType, csv, day);
  }
}
