package io.cairn.connectors.ads;

import io.cairn.connectors.channel.IdType;

/**
 * Configuration of a "Push to Google Ads audience" journey node (the inputs of the {@code
 * io.cairn.pushGoogleAdsAudience} element template).
 *
 * @param customerId the Google Ads customer that owns the list, digits with or without dashes
 *     ({@code 123-456-7890})
 * @param userListId the Customer Match user list's id
 * @param idType the identity matched on, {@link IdType#EMAIL} or {@link IdType#MOBILE}; {@code
 *     null} means email
 */
public record GoogleAdsAudienceSettings(String customerId, String userListId, IdType idType) {

  public GoogleAdsAudienceSettings {
    customerId = customerId == null ? "" : customerId.replaceAll("[\\s-]", "");
    userListId = userListId == null ? "" : userListId.strip();
    idType = idType == null ? IdType.EMAIL : idType;
  }
}
