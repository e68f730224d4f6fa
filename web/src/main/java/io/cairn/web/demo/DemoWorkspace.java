package io.cairn.web.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.profile.ImportReport;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.profile.TagType;
import io.cairn.engine.segment.Segment;
import io.cairn.engine.segment.SegmentService;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On the first start (no user tags yet) loads a demo workspace through the same services the API
 * uses: tags, {@code cairn.demo.users} synthetic users with identities, three segments, and the demo
 * journey deployed but not started. Runs in the background so the API is up at once.
 */
@Component
class DemoWorkspace {

  private static final Logger log = LoggerFactory.getLogger(DemoWorkspace.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TagCatalog catalog;
  private final ProfileImporter importer;
  private final SegmentService segments;
  private final JourneyService journeys;
  private final boolean enabled;
  private final int users;

  DemoWorkspace(
      TagCatalog catalog,
      ProfileImporter importer,
      SegmentService segments,
      JourneyService journeys,
      @Value("${cairn.demo.enabled:false}") boolean enabled,
      @Value("${cairn.demo.users:100000}") int users) {
    this.catalog = catalog;
    this.importer = importer;
    this.segments = segments;
    this.journeys = journeys;
    this.enabled = enabled;
    this.users = users;
  }

  @EventListener(ApplicationReadyEvent.class)
  void loadOnFirstStart() {
    if (!enabled || !catalog.list("user").isEmpty()) {
      return;
    }
    Thread loader = new Thread(this::load, "cairn-demo-loader");
    loader.setDaemon(true);
    loader.start();
  }

  void load() {
    try {
      log.info("Loading the demo workspace: {} synthetic users…", users);
      long t0 = System.nanoTime();
      for (DemoPopulation.TagSpec tag : DemoPopulation.TAGS) {
        catalog.define(
            new TagDefinition(
                tag.code(), tag.name(), TagType.valueOf(tag.type()), "user", "demo data"));
      }
      Path csv = Files.createTempFile("cairn-demo", ".csv");
      try {
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
          DemoPopulation.writeCsv(users, 7, w);
        }
        try (InputStream in = Files.newInputStream(csv)) {
          ImportReport report = importer.importCsv("user", in, null);
          log.info("Demo users imported: {} ({} rejected)", report.imported(), report.rejected());
        }
      } finally {
        Files.deleteIfExists(csv);
      }
      Segment vip =
          segment(
              "Tier-1 gold and platinum members",
              "{\"groups\":[{\"conditions\":[{\"tag\":\"member_level\",\"op\":\"in\",\"values\":[\"gold\",\"platinum\"]},"
                  + "{\"tag\":\"city\",\"op\":\"in\",\"values\":[\"Shanghai\",\"Beijing\",\"Shenzhen\",\"Guangzhou\"]}]}]}");
      Segment spenders =
          segment(
          "Big spenders aged 30-45",
          "{\"groups\":[{\"conditions\":[{\"tag\":\"total_spend\",\"op\":\"gte\",\"value\":2000},"
              + "{\"tag\":\"age\",\"op\":\"between\",\"values\":[30,45]}]}]}");
      Segment young =
          segment(
          "Under 30, not bronze",
          "{\"groups\":[{\"conditions\":[{\"tag\":\"age\",\"op\":\"lt\",\"value\":30}],"
              + "\"exclude\":[{\"tag\":\"member_level\",\"op\":\"in\",\"values\":[\"bronze\"]}]}]}");
      Journey journey = journeys.deploy("Demo: VIP offer SMS", demoJourney(vip.id()));
      log.info(
          "Demo workspace ready in {} s: segments {}, {}, {}; journey {} '{}' (deployed, not"
              + " started: POST /api/journeys/{}/start)",
          (System.nanoTime() - t0) / 1_000_000_000,
          vip.id(),
          spenders.id(),
          young.id(),
          journey.id(),
          journey.name(),
          journey.id());
    } catch (IOException | RuntimeException e) {
      log.error("Loading the demo workspace failed", e);
    }
  }

  private Segment segment(String name, String rule) throws IOException {
    return segments.create(name, "user", JSON.readTree(rule));
  }

  private static byte[] demoJourney(long segmentId) throws IOException {
    try (InputStream in =
        DemoWorkspace.class.getResourceAsStream("/cairn/journeys/demo-vip-sms.bpmn")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace(
              "name=\"segmentId\" value=\"0\"", "name=\"segmentId\" value=\"" + segmentId + "\"")
          .getBytes(StandardCharsets.UTF_8);
    }
  }
}
