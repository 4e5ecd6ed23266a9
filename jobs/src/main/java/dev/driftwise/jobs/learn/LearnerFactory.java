package dev.driftwise.jobs.learn;

import dev.driftwise.jobs.options.LearnerSettings;
import dev.driftwise.learner.Learner;
import java.io.Serializable;

/** Builds a stream's learner from its settings; shipped to the task managers, so serializable. */
@FunctionalInterface
public interface LearnerFactory extends Serializable {

    /**
     * @throws IllegalArgumentException when the settings name no model or optimizer this factory knows
     *     (the message names the setting, the value and what is allowed)
     */
    Learner create(LearnerSettings settings);
}
