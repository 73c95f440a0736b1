package org.wsinfer.reports.merge;

import java.nio.file.Path;
import java.util.List;

/** What merge wrote: the merged drive folders and any warnings (clock disagreement, uneven parts). */
public record MergeResult(List<Path> mergedDirs, List<String> warnings) {

    public MergeResult {
        mergedDirs = List.copyOf(mergedDirs);
        warnings = List.copyOf(warnings);
    }
}
