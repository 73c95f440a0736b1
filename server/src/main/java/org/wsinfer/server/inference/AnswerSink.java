package org.wsinfer.server.inference;

import java.util.List;

/** Where finished jobs go: one connection, which writes their answers on its own event loop. */
public interface AnswerSink {
    /**
     * Takes the finished jobs of one batch that belong to this sink; called on an inference thread.
     * The implementation must write every answer (or account for it if the connection is gone) and must not block.
     */
    void deliver(List<InferenceJob> finished);
}
