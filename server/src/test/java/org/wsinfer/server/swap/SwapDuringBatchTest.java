package org.wsinfer.server.swap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.TestModels;
import org.wsinfer.server.TestWsClient;
import org.wsinfer.server.WsInferServer;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A batch already in the model call when a swap happens finishes on the old model; the next one uses the new. */
class SwapDuringBatchTest {
    @TempDir
    Path tmp;

    @Test
    void aFormedBatchFinishesOnTheOldModelAndTheNextCarriesTheNewVersion() throws Exception {
        // free calls: the server's warm-up and the one inference thread's warm-up
        TestModels.BlockingModel old = new TestModels.BlockingModel(4, 2);
        Path v9 = SwapFixtures.write(tmp.resolve("v9"), 9, 4, 1);
        try (WsInferServer server = WsInferServer.start(ServerConfig.builder().port(0).inferenceThreads(1).build(),
                old);
             TestWsClient c = TestWsClient.connect(server.wsUri())) {
            float[] x = {1, 2, 3, 4};
            c.sendBinary(new PredictRequest(1, 1, 4, x));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (old.started.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertEquals(1, old.started.get(), "the first request is inside the old model's call");

            assertEquals(9, server.swapper().reload(new ReloadRequest(v9, false)).get(30, TimeUnit.SECONDS)
                    .model().version());
            old.release();
            Prediction first = assertInstanceOf(Prediction.class, c.nextAnswer());
            assertEquals(3, first.modelVersion(), "formed before the swap: answered by the old model");
            assertEquals(TestModels.SumModel.expected(x, 0), first.outputs()[0], 1e-6);

            c.sendBinary(new PredictRequest(2, 1, 4, x));
            Prediction second = assertInstanceOf(Prediction.class, c.nextAnswer());
            assertEquals(9, second.modelVersion());
            assertEquals(SwapFixtures.expected(9, 4, 1, x, 1)[0], second.outputs()[0], 1e-4);
        }
    }
}
