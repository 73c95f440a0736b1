package org.wsinfer.loadtest.client;

import org.wsinfer.loadtest.payload.RequestTemplate;

/** A request handed to a connection: its id, its pre-encoded payload, and who is told when it is encoded. */
public interface OutboundRequest {
    /** The request id written into the frame. */
    long id();

    /** The pre-encoded payload. */
    RequestTemplate template();

    /** Called on the event loop as the frame is encoded, just before it goes to the socket. */
    void onEncoded(long sentNs, int payloadBytes, int wireBytes);
}
