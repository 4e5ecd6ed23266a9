package dev.driftwise.serving;

import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.Provenance;
import dev.driftwise.schemas.SourceOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a served model came from, as its snapshot recorded it: what it is, how far training had got,
 * which input it reflects, and which program wrote it (Tribuo's promise: a model carries the
 * configuration that produced it). An immutable copy of the snapshot's metadata, without the tensors.
 *
 * @param modelSpec the canonical model spec
 * @param optimizer the optimizer's name as the job spells it
 * @param optimizerSettings its hyper-parameters, as the exact strings that were configured
 * @param step optimizer steps taken when the snapshot was cut
 * @param samplesSeen samples trained on when the snapshot was cut
 * @param createdAt when the training job cut the snapshot
 * @param sourceOffsets per input partition, the next offset: every record before it is in the model
 * @param summaryMetrics e.g. windowLoss, fadingLoss, windowAccuracy at snapshot time
 * @param schemaVersion the ModelSnapshot schema version the writer used
 */
public record ModelProvenance(String modelSpec, String optimizer, Map<String, String> optimizerSettings, long step,
                              long samplesSeen, Instant createdAt, List<InputPosition> sourceOffsets,
                              Map<String, Double> summaryMetrics, int schemaVersion, String producerName,
                              String producerVersion, String runId, String host) {

    /** A position in an input topic partition. */
    public record InputPosition(String topic, int partition, long offset) {}

    public ModelProvenance {
        optimizerSettings = Collections.unmodifiableSortedMap(new TreeMap<>(optimizerSettings)); // sorted: stable JSON
        sourceOffsets = List.copyOf(sourceOffsets);
        summaryMetrics = Collections.unmodifiableSortedMap(new TreeMap<>(summaryMetrics));
    }

    static ModelProvenance of(ModelSnapshot s) {
        List<InputPosition> offsets = new ArrayList<>(s.getSourceOffsets().size());
        for (SourceOffset o : s.getSourceOffsets()) {
            offsets.add(new InputPosition(o.getTopic(), o.getPartition(), o.getOffset()));
        }
        Provenance p = s.getProvenance();
        return new ModelProvenance(s.getModelSpec(), s.getOptimizer().getName(), s.getOptimizer().getHyperParameters(),
                s.getStep(), s.getSamplesSeen(), s.getCreatedAt(), offsets, s.getSummaryMetrics(),
                p.getSchemaVersion(), p.getProducerName(), p.getProducerVersion(), p.getRunId(), p.getHost());
    }
}
