package io.cairn.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A loopback SMS gateway of Cairn's HTTP contract (see {@code HttpSmsConnector}) that honours
 * idempotency keys the way a real one should: the first request carrying a message id delivers
 * it; a later request with the same id gets the original result back and delivers nothing. It
 * records what a fault test needs to tell a lost or doubled recipient: every accepted id with its
 * mobile, every repeat, and deliveries per mobile (which catches a recipient sent twice under two
 * different ids).
 *
 * <p>It can <em>hold</em> a request: once {@link #holdAfter} ids have been accepted, the next
 * request is taken (its ids count as delivered) and then kept without an answer until the test
 * releases it. That puts a batch the provider has in flight at a moment the test chooses, e.g. to
 * kill Cairn while it waits for the answer.
 */
final class IdempotentSmsGateway implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One delivered message: the first request that carried its id. */
  record Accepted(String mobile, String providerMessageId) {}

  /** A request being held: how many messages it carried, and the latch that answers it. */
  record Held(int messages, CountDownLatch release) {}

  private final MockWebServer server = new MockWebServer();
  private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
  private final Map<String, Integer> repeats = new ConcurrentHashMap<>();
  private final Map<String, Integer> deliveriesByMobile = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong nextHoldAt = new AtomicLong(Long.MAX_VALUE);
  private final BlockingQueue<Held> held = new LinkedBlockingQueue<>();

  IdempotentSmsGateway() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            return answer(request);
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  /** The batch endpoint to configure as {@code cairn.channels.sms.http.url}. */
  String url() {
    return server.url("/sms").toString();
  }

  /** Holds the first request that brings the number of delivered ids to {@code ids} or beyond. */
  void holdAfter(long ids) {
    nextHoldAt.set(ids);
  }

  /** Waits for the request {@link #holdAfter} asked for; {@code null} when none came in time. */
  Held awaitHeld(long seconds) throws InterruptedException {
    return held.poll(seconds, TimeUnit.SECONDS);
  }

  private MockResponse answer(RecordedRequest request) throws InterruptedException {
    requests.incrementAndGet();
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody().readUtf8());
    } catch (IOException e) {
      return new MockResponse().setResponseCode(400);
    }
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode results = answer.putArray("results");
    int messages = 0;
    for (JsonNode m : body.path("messages")) {
      messages++;
      String id = m.path("id").asText();
      String mobile = m.path("to").asText();
      Accepted fresh = new Accepted(mobile, "p-" + id);
      Accepted first = accepted.putIfAbsent(id, fresh);
      if (first == null) {
        deliveriesByMobile.merge(mobile, 1, Integer::sum);
      } else {
        repeats.merge(id, 1, Integer::sum); // answered with the original result, not delivered
      }
      Accepted result = first == null ? fresh : first;
      results
          .addObject()
          .put("id", id)
          .put("status", "accepted")
          .put("providerMessageId", result.providerMessageId());
    }
    long holdAt = nextHoldAt.get();
    if (accepted.size() >= holdAt && nextHoldAt.compareAndSet(holdAt, Long.MAX_VALUE)) {
      CountDownLatch release = new CountDownLatch(1);
      held.add(new Held(messages, release));
      // Generous: the test kills Cairn and then releases; the answer goes to a dead socket.
      release.await(5, TimeUnit.MINUTES);
    }
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(answer.toString());
  }

  /** Every id delivered, with its mobile. */
  Map<String, Accepted> accepted() {
    return Map.copyOf(accepted);
  }

  /** Ids sent again after they were delivered, with how many times. */
  Map<String, Integer> repeats() {
    return Map.copyOf(repeats);
  }

  /** Mobiles that received more than one message (under different ids). */
  List<String> mobilesDeliveredTwice() {
    List<String> out = new ArrayList<>();
    deliveriesByMobile.forEach((mobile, n) -> {
      if (n > 1) {
        out.add(mobile);
      }
    });
    return out;
  }

  long requests() {
    return requests.get();
  }

  @Override
  public void close() throws IOException {
    for (Held h; (h = held.poll()) != null; ) {
      h.release().countDown();
    }
    server.shutdown();
  }
}
