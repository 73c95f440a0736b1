package org.wsinfer.server.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainConfigTest {

    @Test
    void defaultsAndToString() {
        TrainConfig c = TrainConfig.builder().synthetic().inputDim(4).out(Path.of("m")).build();
        assertEquals(TrainConfig.Source.SYNTHETIC, c.source());
        assertEquals(1000, c.rows());
        assertEquals(1, c.outputDim());
        assertEquals(0.01, c.learningRate());
        assertEquals(10, c.epochs());
        assertEquals(32, c.batchSize());
        assertEquals("trained", c.name());
        String s = c.toString();
        for (String field : new String[] {"source=SYNTHETIC", "csv=null", "targetCols=1", "rows=1000", "inputDim=4",
            "outputDim=1", "noise=0.01", "seed=1", "learningRate=0.01", "epochs=10", "batchSize=32", "out=m",
            "name=trained", "version=1", "force=false"}) {
            assertTrue(s.contains(field), field + " in " + s);
        }
    }

    @Test
    void validates() {
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().out(Path.of("m")).build());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().synthetic().inputDim(2).build());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().synthetic().randomWeights());
        assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.builder().csv(Path.of("a.csv")).targetCols(0).out(Path.of("m")).build());
        assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.builder().randomWeights().inputDim(70000).outputDim(70000).out(Path.of("m")).build());
        assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.builder().synthetic().inputDim(2).learningRate(Double.POSITIVE_INFINITY).out(Path.of("m")).build());
        TrainConfig csv = TrainConfig.builder().csv(Path.of("a.csv")).targetCols(2).out(Path.of("m")).build();
        assertEquals(0, csv.inputDim());
        assertEquals(2, csv.targetCols());
    }
}
