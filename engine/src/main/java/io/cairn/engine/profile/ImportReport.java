package io.cairn.engine.profile;

import java.util.List;

/**
 * The result of a profile import.
 *
 * @param imported rows stored
 * @param rejected rows refused (each has at least one error)
 * @param errors the first 1,000 row errors
 */
public record ImportReport(long imported, long rejected, List<ImportError> errors) {}
