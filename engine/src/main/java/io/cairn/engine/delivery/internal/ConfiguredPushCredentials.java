package io.cairn.engine.delivery.internal;

import io.cairn.connectors.push.PushCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * The push provider's access token from the operator: a fixed token ({@code
 * cairn.channels.push.fcm.access-token}, from the environment), or a file that an external
 * refresher rewrites (FCM tokens live an hour), read again whenever it changes. Thread-safe.
 */
final class ConfiguredPushCredentials implements PushCredentials {

  private final String fixed;
  private final Path file;
  private FileTime readAt;
  private String fromFile;

  ConfiguredPushCredentials(String fixed, Path file) {
    this.fixed = fixed == null ? "" : fixed.strip();
    this.file = file;
    if (this.fixed.isEmpty() && file == null) {
      throw new IllegalArgumentException(
          "cairn.channels.push.fcm: set access-token (CAIRN_PUSH_ACCESS_TOKEN) or"
              + " access-token-file");
    }
  }

  @Override
  public synchronized String accessToken() {
    if (file == null) {
      return fixed;
    }
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (!modified.equals(readAt)) {
        fromFile = Files.readString(file, StandardCharsets.UTF_8).strip();
        readAt = modified;
      }
      return fromFile;
    } catch (IOException e) {
      throw new UncheckedIOException("push access token file unreadable", e);
    }
  }

  @Override
  public String toString() {
    return "ConfiguredPushCredentials[" + (file == null ? "fixed token" : "file " + file) + "]";
  }
}
