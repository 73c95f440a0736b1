package org.wsinfer.loadtest.client;

/** What a connection reports to the run: answers, undecodable frames, and its closing. Called on event loops. */
public interface ConnectionListener {
    /** An answer frame arrived at {@code receivedNs}; {@code answer} is reused after the call returns. */
    void onAnswer(WsConnection connection, DecodedAnswer answer, long receivedNs, int payloadBytes, int wireBytes);

    /** A frame arrived that is not a protocol v1 answer. */
    void onMalformed(WsConnection connection, String reason);

    /** The connection closed (for whatever reason). */
    void onClosed(WsConnection connection);
}
