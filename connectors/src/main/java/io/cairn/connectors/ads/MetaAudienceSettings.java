package io.cairn.connectors.ads;

import io.cairn.connectors.channel.IdType;

/**
 * Configuration of a "Push to Meta audience" journey node (the inputs of the {@code
 * io.cairn.pushMetaAudience} element template).
 *
 * @param audienceId the custom audience's id in the ad account
 * @param idType the identity matched on, {@link IdType#EMAIL} or {@link IdType#MOBILE}; {@code
 *     null} means email
 */
public record MetaAudienceSettings(String audienceId, IdType idType) {

  public MetaAudienceSettings {
    audienceId = audienceId == null ? "" : audienceId.strip();
    idType = idType == null ? IdType.EMAIL : idType;
  }
}
