package io.cairn.engine.delivery;

import java.util.List;

/**
 * What the ad platform reported about an audience action's uploads (one per delivered batch),
 * summed over the action execution.
 *
 * @param audiences the platform's audience or user list ids uploaded to (normally one)
 * @param uploads uploads the platform answered
 * @param sent identities sent to the platform
 * @param accepted identities the platform accepted
 * @param invalid identities the platform reported invalid
 * @param matched identities the platform matched to its users, or {@code null} while no upload has
 *     a match count (Google and Meta report match rates only hours after an upload)
 */
public record UploadStats(
    List<String> audiences, long uploads, long sent, long accepted, long invalid, Long matched) {

  public UploadStats {
    audiences = List.copyOf(audiences);
  }
}
