package org.wsinfer.server.swap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.server.inference.ModelHolder;
import org.wsinfer.server.model.Model;
import org.wsinfer.server.model.ModelDirectory;
import org.wsinfer.server.model.ModelException;
import org.wsinfer.server.model.Npy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reload and rollback rules of the registry: validate fully, swap atomically, refuse clearly, keep the old model. */
class ModelRegistryTest {
    @TempDir
    Path tmp;

    private final Map<Path, Model> models = new HashMap<>();
    private final ModelLoader fakeLoader = dir -> {
        Model m = models.get(dir);
        if (m == null) {
            throw new ModelException(dir, "model directory not found");
        }
        return m;
    };

    private static ModelHolder holder(Model m) {
        return new ModelHolder(m, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    private static SwapRefusedException refused(int status, org.junit.jupiter.api.function.Executable e) {
        SwapRefusedException ex = assertThrows(SwapRefusedException.class, e);
        assertEquals(status, ex.status(), ex.getMessage());
        return ex;
    }

    @Test
    void reloadSwapsTheHolderAndKeepsThePreviousForRollback() throws Exception {
        Model v1 = new SwapFixtures.PlainModel(1, 4);
        Model v2 = new SwapFixtures.PlainModel(2, 4);
        Path d1 = tmp.resolve("v1");
        Path d2 = tmp.resolve("v2");
        models.put(d1, v1);
        models.put(d2, v2);
        ModelHolder h = holder(v1);
        ModelRegistry r = new ModelRegistry(h, d1, fakeLoader);
        assertTrue(r.previous().isEmpty());

        ModelHolder.Loaded now = r.reload(new ReloadRequest(d2, false));
        assertSame(v2, now.model());
        assertSame(v2, h.model(), "the holder the batcher reads was swapped");
        assertSame(v1, r.previous().orElseThrow());
        assertEquals(d2, r.currentDir().orElseThrow());

        assertSame(v1, r.rollback().model());
        assertSame(v1, h.model());
        assertEquals(d1, r.currentDir().orElseThrow());
        assertSame(v2, r.previous().orElseThrow(), "the model rolled back from becomes the previous one");
        assertSame(v2, r.rollback().model(), "a second rollback undoes the first");
    }

    @Test
    void rollbackWithoutPreviousAndReloadWithoutDirectoryAre409() {
        ModelHolder h = holder(new SwapFixtures.PlainModel(1, 4));
        ModelRegistry r = new ModelRegistry(h, null, fakeLoader);
        SwapRefusedException e = refused(409, r::rollback);
        assertTrue(e.getMessage().contains("no previous model"), e.getMessage());
        e = refused(409, () -> r.reload(new ReloadRequest(null, false)));
        assertTrue(e.getMessage().contains("not from a model directory"), e.getMessage());
    }

    @Test
    void anEmptyReloadReloadsTheCurrentDirectoryAndTheSameVersionIsRefusedUnlessForced() throws Exception {
        Path d = tmp.resolve("m");
        Model v1 = new SwapFixtures.PlainModel(1, 4);
        models.put(d, new SwapFixtures.PlainModel(1, 4));
        ModelHolder h = holder(v1);
        ModelRegistry r = new ModelRegistry(h, d, fakeLoader);
        SwapRefusedException e = refused(409, () -> r.reload(new ReloadRequest(null, false)));
        assertTrue(e.getMessage().contains("version 1 is already being served"), e.getMessage());
        assertSame(v1, h.model());

        Model forced = r.reload(new ReloadRequest(null, true)).model();
        assertEquals(1, forced.version());
        assertFalse(forced == v1, "forced: the directory's model was loaded again");

        Model v5 = new SwapFixtures.PlainModel(5, 4);
        models.put(d, v5);
        assertSame(v5, r.reload(new ReloadRequest(null, false)).model(), "new files, bumped version: swapped");
    }

    @Test
    void anotherInputDimIsRefusedUnlessForced() throws Exception {
        Path d = tmp.resolve("wide");
        models.put(d, new SwapFixtures.PlainModel(2, 8));
        Model v1 = new SwapFixtures.PlainModel(1, 4);
        ModelHolder h = holder(v1);
        ModelRegistry r = new ModelRegistry(h, null, fakeLoader);
        SwapRefusedException e = refused(409, () -> r.reload(new ReloadRequest(d, false)));
        assertTrue(e.getMessage().contains("input_dim 8 differs from the served model's 4"), e.getMessage());
        assertSame(v1, h.model());
        assertEquals(8, r.reload(new ReloadRequest(d, true)).model().inputDim());
    }

    @Test
    void aModelThatFailsOrAnswersNanOnTheWarmUpIsRefused() {
        Path bad = tmp.resolve("throws");
        Path nan = tmp.resolve("nan");
        models.put(bad, new SwapFixtures.PlainModel(2, 4, 1, "throw"));
        models.put(nan, new SwapFixtures.PlainModel(3, 4, 1, "nan"));
        Model v1 = new SwapFixtures.PlainModel(1, 4);
        ModelHolder h = holder(v1);
        ModelRegistry r = new ModelRegistry(h, null, fakeLoader);
        SwapRefusedException e = refused(422, () -> r.reload(new ReloadRequest(bad, false)));
        assertTrue(e.getMessage().contains("warm-up prediction failed"), e.getMessage());
        e = refused(422, () -> r.reload(new ReloadRequest(nan, false)));
        assertTrue(e.getMessage().contains("output[0] = NaN"), e.getMessage());
        assertSame(v1, h.model());
        assertTrue(r.previous().isEmpty(), "a refused reload changes nothing");
    }

    @Test
    void badModelDirectoriesAreRefused422NamingTheFileAndTheOldModelStays() throws Exception {
        Model v1 = SwapFixtures.linear(1, 4, 2);
        ModelHolder h = holder(v1);
        ModelRegistry r = new ModelRegistry(h, null, ModelLoader.DIRECTORY);

        Path missing = tmp.resolve("nothing-here");
        SwapRefusedException e = refused(422, () -> r.reload(new ReloadRequest(missing, false)));
        assertTrue(e.getMessage().contains("nothing-here") && e.getMessage().contains("not found"), e.getMessage());

        Path shape = SwapFixtures.write(tmp.resolve("shape"), 2, 4, 2);
        Npy.write(shape.resolve(ModelDirectory.WEIGHTS_NPY), new float[3 * 2], 3, 2);
        e = refused(422, () -> r.reload(new ReloadRequest(shape, false)));
        assertTrue(e.getMessage().contains("weights.npy") && e.getMessage().contains("does not match"),
                e.getMessage());

        Path json = SwapFixtures.write(tmp.resolve("json"), 2, 4, 2);
        Files.writeString(json.resolve(ModelDirectory.MODEL_JSON), "{\"name\":\"x\",\"version\":");
        e = refused(422, () -> r.reload(new ReloadRequest(json, false)));
        assertTrue(e.getMessage().contains("model.json") && e.getMessage().contains("invalid JSON"), e.getMessage());

        Path nan = SwapFixtures.write(tmp.resolve("nan"), 2, 4, 2);
        Npy.write(nan.resolve(ModelDirectory.BIAS_NPY), new float[] {0f, Float.NaN}, 2);
        e = refused(422, () -> r.reload(new ReloadRequest(nan, false)));
        assertTrue(e.getMessage().contains("bias.npy") && e.getMessage().contains("finite"), e.getMessage());

        assertSame(v1, h.model(), "every refusal left the served model in place");
        Path good = SwapFixtures.write(tmp.resolve("good"), 2, 4, 2);
        assertEquals(2, r.reload(new ReloadRequest(good, false)).model().version());
    }

    @Test
    void reloadBodiesParseOrAre400() throws Exception {
        assertEquals(new ReloadRequest(null, false), ReloadRequest.parse("", false));
        assertEquals(new ReloadRequest(null, true), ReloadRequest.parse("  \n", true));
        assertEquals(new ReloadRequest(null, false), ReloadRequest.parse("{}", false));
        assertEquals(new ReloadRequest(Path.of("/m/v2"), false), ReloadRequest.parse("{\"dir\":\"/m/v2\"}", false));
        for (String bad : new String[] {"{", "[1]", "{\"dir\":7}", "{\"dir\":\"\"}", "{\"folder\":\"/x\"}",
                "{\"dir\":\"/a\",\"dir\":\"/b\"}", "{} {}"}) {
            SwapRefusedException e = assertThrows(SwapRefusedException.class, () -> ReloadRequest.parse(bad, false),
                    bad);
            assertEquals(400, e.status(), bad + ": " + e.getMessage());
        }
        assertTrue(ModelAdminRoutes.force("/v1/model/reload?force=true"));
        assertTrue(ModelAdminRoutes.force("/v1/model/reload?force"));
        assertFalse(ModelAdminRoutes.force("/v1/model/reload"));
        assertFalse(ModelAdminRoutes.force("/v1/model/reload?force=false"));
    }
}
