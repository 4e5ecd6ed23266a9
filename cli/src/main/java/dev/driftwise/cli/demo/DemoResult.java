package dev.driftwise.cli.demo;

import dev.driftwise.cli.progress.StreamHistory;
import dev.driftwise.cli.report.StreamSummary;
import java.util.List;

/** What a demo run produced: the report's per-stream summaries and the histories its charts were drawn from. */
public record DemoResult(List<StreamSummary> summaries, List<StreamHistory> histories) {}
