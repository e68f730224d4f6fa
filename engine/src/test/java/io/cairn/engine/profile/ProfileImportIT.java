package io.cairn.engine.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.connectors.channel.IdType;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = EngineTestApplication.class)
class ProfileImportIT {

  @Autowired TagCatalog catalog;
  @Autowired ProfileImporter importer;
  @Autowired ProfileReader reader;
  @Autowired TransactionTemplate tx;

  private ImportReport importCsv(String csv, LocalDate day) {
    return importer.importCsv(
        "store", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), day);
  }

  @Test
  void shouldReplaceValuesOnReimportAndReadTheLatestSnapshot() {
    catalog.define(new TagDefinition("tier", "Tier", TagType.ENUM, "store", null));
    catalog.define(new TagDefinition("brands", "Brands", TagType.MULTI, "store", null));
    catalog.define(new TagDefinition("area", "Area", TagType.NUMBER, "store", null));
    importCsv("id,email,tier,brands,area\ns1,a@x.io,gold,b1|b2,120.50\n", LocalDate.of(2024, 1, 1));
    importCsv("id,email,tier,brands,area\ns1,b@x.io,silver,b3,\n", LocalDate.of(2024, 1, 2));
    int id = reader.entityId("store", "s1").orElseThrow();
    Map<String, String> latest =
        reader.tagValues("store", new int[] {id}, Set.of("tier", "brands", "area")).get(id);
    assertThat(latest).containsEntry("tier", "silver").containsEntry("brands", "b3");
    assertThat(latest).containsEntry("area", "120.5"); // empty cell on day 2: day 1 stays latest
    assertThat(reader.identities("store", new int[] {id}, IdType.EMAIL)).containsEntry(id, "b@x.io");
    assertThat(reader.externalIds("store", new int[] {id})).containsEntry(id, "s1");
  }

  @Test
  void shouldNotBlockAnImportWhileAnotherIsStillRunning() throws Exception {
    CountDownLatch firstWrote = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<ImportReport> first =
        CompletableFuture.supplyAsync(
            () ->
                tx.execute(
                    s -> {
                      ImportReport r = importCsv("id\nlong1\nlong2\n", null);
                      firstWrote.countDown();
                      try {
                        release.await(30, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return r;
                    }));
    assertThat(firstWrote.await(30, TimeUnit.SECONDS)).isTrue();
    ImportReport second = importCsv("id\nquick1\n", null); // must not wait for the first
    release.countDown();
    assertThat(second.imported()).isEqualTo(1);
    assertThat(first.get(30, TimeUnit.SECONDS).imported()).isEqualTo(2);
    int a = reader.entityId("store", "long1").orElseThrow();
    int b = reader.entityId("store", "long2").orElseThrow();
    int c = reader.entityId("store", "quick1").orElseThrow();
    assertThat(Set.of(a, b, c)).hasSize(3);
  }

  @Test
  void shouldLetALaterRowForTheSameIdReplaceTheEarlierOneWithinAndAcrossChunks() {
    catalog.define(new TagDefinition("grade", "Grade", TagType.ENUM, "store", null));
    StringBuilder csv = new StringBuilder("id,grade\n");
    csv.append("d1,a\nd1,b\n"); // same chunk: the later row wins
    csv.append("d2,a\n");
    for (int i = 0; i < 2_500; i++) { // more than one chunk of rows in between
      csv.append("f").append(i).append(",x\n");
    }
    csv.append("d2,c\n"); // another chunk: replaces the stored value
    csv.append("d3,a\nd3,\n"); // an empty cell in the later row removes the value
    ImportReport report = importCsv(csv.toString(), LocalDate.of(2024, 3, 1));

    assertThat(report.imported()).isEqualTo(2_506);
    assertThat(report.rejected()).isZero();
    int d1 = reader.entityId("store", "d1").orElseThrow();
    int d2 = reader.entityId("store", "d2").orElseThrow();
    int d3 = reader.entityId("store", "d3").orElseThrow();
    Map<Integer, Map<String, String>> values =
        reader.tagValues("store", new int[] {d1, d2, d3}, Set.of("grade"));
    assertThat(values.get(d1)).containsExactly(Map.entry("grade", "b"));
    assertThat(values.get(d2)).containsExactly(Map.entry("grade", "c"));
    assertThat(values).doesNotContainKey(d3);
    assertThat(reader.count("store")).isGreaterThanOrEqualTo(2_503);
  }
}
