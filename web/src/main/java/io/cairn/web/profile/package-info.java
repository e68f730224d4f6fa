/**
 * REST API of the tag catalog and profile imports. Depends on engine.profile.
 */
package io.cairn.web.profile;
