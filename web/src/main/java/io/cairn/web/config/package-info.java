/** Application-wide wiring of the web app that belongs to no feature: the OpenAPI description. */
package io.cairn.web.config;
