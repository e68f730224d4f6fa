/** HTTP API of the event feature: event sources, event types, and event ingestion. */
package io.cairn.web.event;
