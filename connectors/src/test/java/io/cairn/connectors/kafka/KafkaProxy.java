package io.cairn.connectors.kafka;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A TCP proxy in front of the test broker that reads the Kafka protocol's frames (a 4-byte size,
 * then for a request: api key, api version, correlation id …) and can break produce requests. The
 * broker advertises the proxy's port, so every client connection after bootstrap goes through it.
 *
 * <p>It counts produce requests by their content without the correlation id: a producer that
 * resends the same numbered batch after a broken connection (what the idempotent producer does)
 * sends the same bytes again and counts once; a connector that sent the records again would number
 * them anew and count twice.
 */
final class KafkaProxy implements Closeable {

  /** What the proxy does to produce requests. */
  enum Fault {
    /** Forward everything. */
    NONE,
    /** Read each produce request, never forward it, and close the client's connection. */
    SWALLOW_PRODUCE,
    /** Forward each produce request, then close the client's connection instead of answering. */
    DROP_PRODUCE_ANSWER,
    /** Like {@link #DROP_PRODUCE_ANSWER} for the next produce answer only, then forward all. */
    DROP_ONE_PRODUCE_ANSWER
  }

  private static final short PRODUCE = 0;

  private final ServerSocket server;
  private final Supplier<InetSocketAddress> upstream;
  private final Set<String> produceRequests = ConcurrentHashMap.newKeySet();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
  private final AtomicInteger droppedAnswers = new AtomicInteger();

  /**
   * @param upstream the broker's address, asked for at each connection (the broker binds its port
   *     after the proxy must already be known)
   */
  KafkaProxy(Supplier<InetSocketAddress> upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "kafka-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  void fault(Fault fault) {
    this.fault.set(fault);
  }

  /** Produce answers the proxy dropped so far. */
  int droppedAnswers() {
    return droppedAnswers.get();
  }

  /** Distinct produce requests seen (a resend of the same bytes counts once). */
  int distinctProduceRequests() {
    return produceRequests.size();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket broker = new Socket();
        try {
          broker.connect(upstream.get(), 5_000);
        } catch (IOException | RuntimeException e) {
          client.close();
          broker.close();
          continue;
        }
        sockets.add(client);
        sockets.add(broker);
        Set<Integer> produceIds = ConcurrentHashMap.newKeySet();
        start(() -> requests(client, broker, produceIds), "kafka-proxy-requests");
        start(() -> answers(broker, client, produceIds), "kafka-proxy-answers");
      } catch (IOException e) {
        // closed
      }
    }
  }

  private static void start(Runnable pump, String name) {
    Thread thread = new Thread(pump, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void requests(Socket client, Socket broker, Set<Integer> produceIds) {
    try (DataInputStream in = new DataInputStream(input(client));
        DataOutputStream out = new DataOutputStream(output(broker))) {
      while (true) {
        byte[] frame = frame(in);
        ByteBuffer header = ByteBuffer.wrap(frame);
        if (frame.length >= 8 && header.getShort(0) == PRODUCE) {
          produceRequests.add(withoutCorrelationId(frame));
          produceIds.add(header.getInt(4));
          if (fault.get() == Fault.SWALLOW_PRODUCE) {
            break;
          }
        }
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
      }
    } catch (IOException e) {
      // either side closed
    } finally {
      closeBoth(client, broker);
    }
  }

  private void answers(Socket broker, Socket client, Set<Integer> produceIds) {
    try (DataInputStream in = new DataInputStream(input(broker));
        DataOutputStream out = new DataOutputStream(output(client))) {
      while (true) {
        byte[] frame = frame(in);
        if (frame.length >= 4
            && produceIds.contains(ByteBuffer.wrap(frame).getInt(0))
            && (fault.get() == Fault.DROP_PRODUCE_ANSWER
                || fault.compareAndSet(Fault.DROP_ONE_PRODUCE_ANSWER, Fault.NONE))) {
          droppedAnswers.incrementAndGet();
          break;
        }
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
      }
    } catch (IOException e) {
      // either side closed
    } finally {
      closeBoth(client, broker);
    }
  }

  private static byte[] frame(DataInputStream in) throws IOException {
    int size = in.readInt();
    byte[] frame = new byte[size];
    in.readFully(frame);
    return frame;
  }

  private static String withoutCorrelationId(byte[] frame) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(frame, 0, 4);
      sha.update(frame, 8, frame.length - 8);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InputStream input(Socket socket) throws IOException {
    return socket.getInputStream();
  }

  private static OutputStream output(Socket socket) throws IOException {
    return socket.getOutputStream();
  }

  private void closeBoth(Socket a, Socket b) {
    for (Socket s : new Socket[] {a, b}) {
      sockets.remove(s);
      try {
        s.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
