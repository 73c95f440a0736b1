package org.wsinfer.server.train;

import java.util.Arrays;
import org.wsinfer.server.model.LinearModel;

/** The outcome of a training run: the fitted model, the full-data MSE before training and after each epoch. */
public record TrainingResult(LinearModel model, double initialLossMse, double[] epochLossMse) {

    /** Copies the losses. */
    public TrainingResult {
        epochLossMse = epochLossMse.clone();
    }

    /** A copy of the per-epoch losses. */
    @Override
    public double[] epochLossMse() {
        return epochLossMse.clone();
    }

    /** Whether the loss after the last epoch is higher than before training (a sign of a too-high learning rate). */
    public boolean lossRose() {
        return finalLossMse() > initialLossMse;
    }

    /** The loss after the last epoch. */
    public double finalLossMse() {
        return epochLossMse[epochLossMse.length - 1];
    }

    @Override
    public String toString() {
        return "TrainingResult[" + model + ", initialLossMse=" + initialLossMse + ", epochLossMse=" + Arrays.toString(epochLossMse) + "]";
    }
}
