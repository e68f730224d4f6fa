package io.cairn.engine.delivery.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Supplier;

/**
 * A provider's access token from the operator (push, ad platforms): a fixed token ({@code
 * <prefix>.access-token}, from the environment), or a file that an external refresher rewrites
 * (OAuth tokens expire; FCM's live an hour), read again whenever it changes. Never logged: {@link #toString()} names only the source. Thread-safe.
 */
final class ConfiguredToken implements Supplier<String> {

  private final String prefix;
  private final String fixed;
  private final Path file;
  private FileTime readAt;
  private String fromFile;

  /**
   * @param prefix the configuration prefix, for messages (e.g. {@code cairn.channels.ads.meta})
   * @throws IllegalArgumentException when neither a token nor a file is configured
   */
  ConfiguredToken(String prefix, String fixed, String file) {
    this.prefix = prefix;
    this.fixed = fixed == null ? "" : fixed.strip();
    this.file = file == null || file.isBlank() ? null : Path.of(file.strip());
    if (this.fixed.isEmpty() && this.file == null) {
      throw new IllegalArgumentException(prefix + ": set access-token or access-token-file");
    }
  }

  /** True when either a token or a token file is configured under the prefix. */
  static boolean configured(String fixed, String file) {
    return (fixed != null && !fixed.isBlank()) || (file != null && !file.isBlank());
  }

  @Override
  public synchronized String get() {
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
      throw new UncheckedIOException(prefix + ": access token file unreadable", e);
    }
  }

  @Override
  public String toString() {
    String source = file == null ? "fixed token" : "file " + file;
    return "ConfiguredToken[" + prefix + ", " + source + "]";
  }
}
