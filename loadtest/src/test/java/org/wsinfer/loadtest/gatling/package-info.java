/**
 * Gatling simulations of the WebSocket inference protocol: realistic users (one connection each, closed per
 * connection), handshake cost and CI assertions at millisecond resolution. Frames are built and answers read with the
 * {@code protocol} module's codecs; the reference server is started in-process unless {@code wsinfer.url} is set.
 */
package org.wsinfer.loadtest.gatling;
