package org.wsinfer.server.train;

import java.util.Arrays;
import org.wsinfer.server.model.LinearModel;

/** The outcome of a training run: the fitted model and the full-data MSE after each epoch. */
public record TrainingResult(LinearModel model, double[] epochLossMse) {

    /** Copies the losses. */
    public TrainingResult {
        epochLossMse = epochLossMse.clone();
    }

    /** A copy of the per-epoch losses. */
    @Override
    public double[] epochLossMse() {
        return epochLossMse.clone();
    }

    /** The loss after the last epoch. */
    public double finalLossMse() {
        return epochLossMse[epochLossMse.length - 1];
    }

    @Override
    public String toString() {
        return "TrainingResult[" + model + ", epochLossMse=" + Arrays.toString(epochLossMse) + "]";
    }
}
