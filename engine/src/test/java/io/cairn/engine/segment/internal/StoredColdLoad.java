package io.cairn.engine.segment.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SEG-6 through the real table: the 200 tags of {@link ColdLoad} saved with {@link
 * TagIndexStore#saveColumn} into {@code cairn_tag_column} of a file-backed H2 database, then read
 * back with {@link TagIndexStore#loadColumns} as a restart does. The file was just written, so it
 * is read from the OS page cache: this is a warm-disk restart.
 */
final class StoredColdLoad {

  /** Same DDL as migration V8 (cairn_tag_column only: the benchmark does not run Flyway). */
  private static final String TABLE =
      "CREATE TABLE cairn_tag_column (entity_type VARCHAR(32) NOT NULL, tag_code VARCHAR(64) NOT"
          + " NULL, snapshot_date DATE NOT NULL, part INT NOT NULL, bytes LONGBLOB NOT NULL,"
          + " PRIMARY KEY (entity_type, tag_code, snapshot_date, part))";

  record Result(int tags, double saveSeconds, double loadSeconds, long fileBytes) {}

  private StoredColdLoad() {}

  static Result run(TagIndex index, int tags, Path dir) throws IOException {
    SingleConnectionDataSource ds =
        new SingleConnectionDataSource(
            "jdbc:h2:file:" + dir.resolve("index") + ";MODE=MySQL", "sa", "", true);
    try {
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      jdbc.execute(TABLE);
      TagIndexStore store =
          new TagIndexStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)));
      LocalDate day = LocalDate.of(2026, 12, 1);
      long t0 = System.nanoTime();
      for (int i = 0; i < tags; i++) {
        store.saveColumn(
            "user",
            String.format("t%03d", i),
            day,
            index.column(ColdLoad.template(i), (LocalDate) null));
      }
      double save = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      Map<String, TreeMap<LocalDate, TagColumn>> loaded = store.loadColumns("user");
      double load = (System.nanoTime() - t1) / 1e9;
      if (loaded.size() != tags) {
        throw new AssertionError("loaded " + loaded.size() + " of " + tags + " tags");
      }
      jdbc.execute("SHUTDOWN");
      return new Result(tags, save, load, size(dir));
    } finally {
      ds.destroy();
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
