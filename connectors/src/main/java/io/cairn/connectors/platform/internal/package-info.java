/**
 * The platform contract's HTTP plumbing shared by the SMS and email connectors and the SMS platform
 * client: one call with the API key header and the common answer fields, and the mapping of a send
 * answer to per-message outcomes. Not an API.
 */
package io.cairn.connectors.platform.internal;
