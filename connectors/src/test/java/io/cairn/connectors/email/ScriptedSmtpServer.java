package io.cairn.connectors.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server on a free loopback port whose answers a test scripts: a 421 greeting, a
 * chosen reply to RCPT for an address, a refused login, or a connection dropped after a message's
 * content arrived. GreenMail accepts everything, so these failures need a server of their own. It
 * serves one connection at a time, which is all a connector uses per batch.
 */
final class ScriptedSmtpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final Thread acceptor;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private final Map<String, String> rcptReplies = new ConcurrentHashMap<>();
  private final AtomicBoolean failNextGreeting = new AtomicBoolean();
  private final AtomicBoolean dropNextAfterData = new AtomicBoolean();
  private volatile String dataReply = "250 2.0.0 queued";
  private volatile boolean refuseLogin;

  ScriptedSmtpServer() {
    try {
      socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::serve, "scripted-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Recipients of the messages accepted so far, in order. */
  List<String> delivered() {
    return List.copyOf(delivered);
  }

  /** The next connection is greeted with 421 and closed. */
  void failNextGreeting() {
    failNextGreeting.set(true);
  }

  /** On the next connection, the first message's content is read and the socket closed. */
  void dropNextConnectionAfterData() {
    dropNextAfterData.set(true);
  }

  /** RCPT TO for {@code address} is answered with {@code reply}. */
  void replyToRecipient(String address, String reply) {
    rcptReplies.put(address.toLowerCase(Locale.ROOT), reply);
  }

  /** The end of every message's content is answered with {@code reply}. */
  void replyToData(String reply) {
    dataReply = reply;
  }

  /** AUTH is offered and every login refused with 535. */
  void refuseLogin() {
    refuseLogin = true;
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        connections.incrementAndGet();
        client.setSoTimeout(5_000);
        converse(client);
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        // the client went away; wait for the next one
      }
    }
  }

  private void converse(Socket client) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = client.getOutputStream();
    if (failNextGreeting.getAndSet(false)) {
      reply(out, "421 4.3.2 service not available, try later");
      return;
    }
    boolean dropAfterData = dropNextAfterData.getAndSet(false);
    reply(out, "220 scripted ESMTP");
    String recipient = null;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String command = line.toUpperCase(Locale.ROOT);
      if (command.startsWith("EHLO")) {
        reply(out, refuseLogin ? "250-scripted\r\n250 AUTH PLAIN LOGIN" : "250 scripted");
      } else if (command.startsWith("AUTH")) {
        reply(out, "535 5.7.8 authentication failed");
      } else if (command.startsWith("RCPT TO:")) {
        recipient = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
        reply(out, rcptReplies.getOrDefault(recipient.toLowerCase(Locale.ROOT), "250 2.1.5 ok"));
      } else if (command.equals("DATA")) {
        reply(out, "354 end with <CRLF>.<CRLF>");
        readContent(in);
        if (dropAfterData) {
          return;
        }
        if (dataReply.startsWith("250")) {
          delivered.add(recipient);
        }
        reply(out, dataReply);
      } else if (command.equals("QUIT")) {
        reply(out, "221 2.0.0 bye");
        return;
      } else {
        reply(out, "250 ok"); // HELO, MAIL FROM, RSET, NOOP
      }
    }
  }

  private static void readContent(BufferedReader in) throws IOException {
    for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
      // content is not inspected here; GreenMail covers what a message looks like
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
