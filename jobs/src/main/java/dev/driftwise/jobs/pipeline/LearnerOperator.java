package dev.driftwise.jobs.pipeline;

import dev.driftwise.jobs.decode.LabeledSample;
import dev.driftwise.jobs.publish.OutputRecord;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Flink's keyed process operator with one addition: before its keyed state is snapshotted, every
 * learner that changed since the last checkpoint writes its bytes into its key's state. Learners stay
 * live between records; state is encoded once per checkpoint instead of once per micro-batch.
 */
public final class LearnerOperator extends KeyedProcessOperator<String, LabeledSample, OutputRecord> {

    private static final long serialVersionUID = 1L;

    public LearnerOperator(LearnerFunction function) {
        super(function);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        // runs before the keyed state backend is snapshotted (StreamOperatorStateHandler#snapshotState)
        ((LearnerFunction) getUserFunction()).writeChangedState(this::setCurrentKey);
        super.snapshotState(context);
    }
}
