package io.cairn.connectors.ads;

/**
 * What an ad platform said about one upload (one {@code deliver} call), for the action's
 * statistics: the pushed, usable and invalid counts an audience push shows.
 *
 * @param connectorId the connector that uploaded, e.g. {@code ads.meta}
 * @param audience the platform's audience or user list id
 * @param upload the platform's id of the upload (Google's job resource name, Meta's session id)
 * @param uploaded identities sent to the platform (members whose value could not be normalised are
 *     rejected before and not counted)
 * @param received identities the platform accepted
 * @param invalid identities the platform reported invalid
 * @param matched identities the platform matched to its users, or {@code null} while it has not
 *     said: both Google and Meta report match rates only hours after an upload
 */
public record AudienceUploadReport(
    String connectorId,
    String audience,
    String upload,
    long uploaded,
    long received,
    long invalid,
    Long matched) {}
