package dev.driftwise.dashboard.store;

import java.time.Instant;

/** The newest model snapshot of a stream: its version, when it was cut, and how far its learner was. */
public record SnapshotInfo(long version, Instant createdAt, long step, long samplesSeen, int chunkCount) {}
