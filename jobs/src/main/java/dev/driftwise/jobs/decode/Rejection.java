package dev.driftwise.jobs.decode;

import dev.driftwise.jobs.source.SourceRecord;

/**
 * An input record that goes to the dead-letter topic instead of a learner.
 *
 * @param streamId the stream, when it could be told (null for bytes that did not decode)
 * @param detail a message naming the field, the value and the fix
 */
public record Rejection(RejectReason reason, String detail, String streamId, SourceRecord source) {}
