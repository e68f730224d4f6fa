/**
 * Ad platforms: pushing a journey action's members into a platform's customer list (audience).
 * Identities are normalised and hashed per platform ({@link io.cairn.connectors.ads.AdPlatform},
 * {@link io.cairn.connectors.ads.IdentityNormalisation}, {@link io.cairn.connectors.ads.Digest})
 * and uploaded in batches by {@link io.cairn.connectors.ads.GoogleAdsAudienceConnector} (Customer
 * Match through offline user data jobs) and {@link io.cairn.connectors.ads.MetaAudienceConnector}
 * (custom audience users). Both are {@link io.cairn.connectors.channel.ChannelConnector}s with one
 * outcome per member; the platform's counts go to an {@link
 * io.cairn.connectors.ads.AudienceUploadListener}.
 *
 * <p>Depends on {@code channel}, OkHttp (the shared client of {@code http}) and Jackson only.
 */
package io.cairn.connectors.ads;
