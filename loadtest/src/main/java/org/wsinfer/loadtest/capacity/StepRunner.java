package org.wsinfer.loadtest.capacity;

import java.io.IOException;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.run.DriveException;
import org.wsinfer.loadtest.run.RunResult;

/** Runs one drive step of a search (the real {@code DriveRun}, or a stand-in in tests). */
@FunctionalInterface
public interface StepRunner {
    /** Runs {@code config} to the end. */
    RunResult run(DriverConfig config) throws DriveException, IOException;
}
