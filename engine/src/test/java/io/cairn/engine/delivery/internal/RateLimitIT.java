package io.cairn.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A connector's rate limit holds over a real dispatch: 60 recipients through a connector limited
 * to 20 per second cannot all be handed over in less than two seconds (one second's worth goes at
 * once, the other 40 at the limit), where the same send unthrottled takes a fraction of that.
 */
@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = {
      "cairn.dispatch.poll-interval=20ms",
      "cairn.dispatch.rate-limit.sms.sandbox=20"
    })
class RateLimitIT {

  @Autowired DeliveryLedger ledger;
  @Autowired ProfileImporter importer;
  @Autowired ProfileReader profiles;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldHandRecipientsToARateLimitedConnectorNoFasterThanItsLimit() throws Exception {
    StringBuilder csv = new StringBuilder("id,mobile\n");
    List<String> external = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      csv.append("rate").append(i).append(",+86137").append(20000000 + i).append('\n');
      external.add("rate" + i);
    }
    importer.importCsv(
        "user", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), null);
    RoaringBitmap audience = new RoaringBitmap();
    profiles.entityIds("user", external).values().forEach(audience::add);

    long started = System.nanoTime();
    long action =
        tx.execute(
            s ->
                ledger.enqueue(
                    new ActionRequest(
                        9, 90, "sms", "rate-1", Channel.SMS, "user",
                        Map.of("template", "Hello"), audience)));
    while (!"DONE".equals(jdbc.queryForObject(
        "SELECT status FROM cairn_action_execution WHERE id = ?", String.class, action))) {
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
      Thread.sleep(20);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_delivery WHERE action_id = ? AND status = 'SENT'",
            Integer.class, action))
        .isEqualTo(60);
    assertThat(took).as("60 recipients at 20/s after a burst of 20").isGreaterThan(Duration.ofMillis(1900));
    // batches are cut to one second's worth: three of 20, recorded in different seconds (one batch
    // of 60, recorded at once, without the limit)
    assertThat(jdbc.queryForObject(
            "SELECT COUNT(DISTINCT updated_at) FROM cairn_delivery WHERE action_id = ?",
            Integer.class, action))
        .isGreaterThanOrEqualTo(2);
  }
}
