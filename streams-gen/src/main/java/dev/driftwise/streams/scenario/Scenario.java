package dev.driftwise.streams.scenario;

import dev.driftwise.streams.SampleStream;
import java.util.List;

/** A named set of streams (task family + drift schedule + seed + rate each), built from a scenario spec. */
public interface Scenario {

    String name();

    /** The streams, freshly positioned at their first sample. */
    List<SampleStream> streams();
}
