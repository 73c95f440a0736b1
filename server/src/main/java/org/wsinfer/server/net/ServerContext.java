package org.wsinfer.server.net;

import io.netty.channel.group.ChannelGroup;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.ServerState;
import org.wsinfer.server.inference.Batcher;
import org.wsinfer.server.inference.ModelHolder;
import org.wsinfer.server.metrics.ServerMetrics;

import java.util.function.LongSupplier;

/**
 * The shared services every connection's handlers use.
 *
 * @param config     the server configuration
 * @param state      life cycle phase
 * @param models     the served model
 * @param batcher    the inference queue and threads
 * @param metrics    the meters
 * @param channels   every open channel (closed on shutdown)
 * @param webSockets the channels that completed the WebSocket handshake (sent close 1001 on shutdown)
 * @param nanoClock  the clock of decode times and timing fields
 */
public record ServerContext(ServerConfig config, ServerState state, ModelHolder models, Batcher batcher,
                            ServerMetrics metrics, ChannelGroup channels, ChannelGroup webSockets,
                            LongSupplier nanoClock) {
}
