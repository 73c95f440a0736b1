package org.wsinfer.server.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsinfer.server.model.LinearModel;

class LinearRegressionTrainerTest {

    @Test
    void recoversKnownWeightsFromSyntheticData() throws Exception {
        SyntheticData data = SyntheticData.generate(1500, 8, 2, 0.01, 42);
        List<Double> heard = new ArrayList<>();
        LinearRegressionTrainer trainer = new LinearRegressionTrainer(0.05, 5, 50, 42, (e, n, loss) -> {
            assertEquals(heard.size() + 1, e);
            assertEquals(5, n);
            heard.add(loss);
        });
        TrainingResult result = trainer.train(data.dataset(), "fit", 3);
        LinearModel m = result.model();
        assertEquals("fit", m.name());
        assertEquals(3, m.version());
        assertEquals(8, m.inputDim());
        assertEquals(2, m.outputDim());
        double wErr = data.maxWeightError(m.weights());
        double bErr = data.maxBiasError(m.bias());
        assertTrue(wErr < 0.05, "max |W - W_true| = " + wErr);
        assertTrue(bErr < 0.05, "max |b - b_true| = " + bErr);
        assertEquals(5, heard.size());
        double[] losses = result.epochLossMse();
        assertEquals(heard.get(4), losses[4]);
        assertTrue(losses[4] < losses[0], "loss decreases");
        assertTrue(result.initialLossMse() > losses[0], "first epoch improves on the initial weights");
        assertTrue(!result.lossRose());
        // the noise variance (1e-4) is the floor of the MSE; a fitted model gets close to it
        assertTrue(result.finalLossMse() < 1e-3, "final loss " + result.finalLossMse());
    }

    @Test
    void sameSeedGivesTheSameModel() throws Exception {
        SyntheticData data = SyntheticData.generate(200, 5, 1, 0.1, 3);
        LinearModel a = new LinearRegressionTrainer(0.02, 2, 16, 9, EpochListener.none()).train(data.dataset(), "a", 1).model();
        LinearModel b = new LinearRegressionTrainer(0.02, 2, 16, 9, EpochListener.none()).train(data.dataset(), "a", 1).model();
        assertArrayEquals(a.weights(), b.weights());
        assertArrayEquals(a.bias(), b.bias());
    }

    @Test
    void handlesBatchLargerThanDataAndSingleRowBatches() throws Exception {
        SyntheticData data = SyntheticData.generate(10, 3, 1, 0.0, 5);
        TrainingResult big = new LinearRegressionTrainer(0.1, 3, 64, 1, EpochListener.none()).train(data.dataset(), "b", 1);
        TrainingResult one = new LinearRegressionTrainer(0.01, 3, 1, 1, EpochListener.none()).train(data.dataset(), "o", 1);
        assertTrue(big.finalLossMse() < big.epochLossMse()[0] || big.finalLossMse() < 1e-6);
        assertTrue(one.finalLossMse() < one.epochLossMse()[0] || one.finalLossMse() < 1e-6);
    }

    @Test
    void aRisingLossIsFlagged() throws Exception {
        // lr far beyond 1/(1+sqrt(D/B))^2 for D=64, B=4: unstable, but two epochs stay below the divergence cut-off
        SyntheticData data = SyntheticData.generate(40, 64, 1, 0.01, 2);
        TrainingResult r = new LinearRegressionTrainer(0.2, 2, 4, 1, EpochListener.none()).train(data.dataset(), "r", 1);
        assertTrue(r.lossRose(), r.toString());
    }

    @Test
    void divergenceIsReportedNotWritten() {
        SyntheticData data = SyntheticData.generate(200, 20, 1, 0.01, 1);
        TrainingException e = assertThrows(TrainingException.class,
                () -> new LinearRegressionTrainer(50.0, 50, 8, 1, EpochListener.none()).train(data.dataset(), "d", 1));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        assertTrue(e.getMessage().contains("--learning-rate"), e.getMessage());
    }

    @Test
    void rejectsBadHyperParameters() {
        assertThrows(IllegalArgumentException.class, () -> new LinearRegressionTrainer(0, 1, 1, 1, EpochListener.none()));
        assertThrows(IllegalArgumentException.class, () -> new LinearRegressionTrainer(0.1, 0, 1, 1, EpochListener.none()));
        assertThrows(IllegalArgumentException.class, () -> new LinearRegressionTrainer(0.1, 1, 0, 1, EpochListener.none()));
        assertThrows(IllegalArgumentException.class,
                () -> new LinearRegressionTrainer(Double.NaN, 1, 1, 1, EpochListener.none()));
    }
}
