package org.wsinfer.server.swap;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.wsinfer.server.ServerState;
import org.wsinfer.server.http.HttpResponses;
import org.wsinfer.server.http.ModelInfoJson;
import org.wsinfer.server.inference.ModelHolder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /v1/model/reload} and {@code POST /v1/model/rollback}: parse on the event loop, swap on the
 * {@link ModelSwapper}'s thread, and write the answer back on the channel's event loop when the swap completes
 * (200 with the served model's {@code /v1/model} JSON, or the refusal's status with {@code {"error":"..."}}).
 */
public final class ModelAdminRoutes {
    /** Path of the reload endpoint. */
    public static final String RELOAD_PATH = "/v1/model/reload";
    /** Path of the rollback endpoint. */
    public static final String ROLLBACK_PATH = "/v1/model/rollback";

    private final ModelSwapper swapper;
    private final ServerState state;

    /** Routes swapping with {@code swapper} while {@code state} is serving. */
    public ModelAdminRoutes(ModelSwapper swapper, ServerState state) {
        this.swapper = swapper;
        this.state = state;
    }

    /** Handles {@code POST /v1/model/reload[?force=true]} with an empty body or {@code {"dir":"/path"}}. */
    public void reload(ChannelHandlerContext ctx, FullHttpRequest req) {
        FullHttpRequest head = req.replace(Unpooled.EMPTY_BUFFER);
        if (!serving(ctx, head)) {
            return;
        }
        ReloadRequest request;
        try {
            request = ReloadRequest.parse(req.content().toString(StandardCharsets.UTF_8), force(req.uri()));
        } catch (SwapRefusedException e) {
            refuse(ctx, head, e);
            return;
        }
        answerWhenDone(ctx, head, swapper.reload(request));
    }

    /** Handles {@code POST /v1/model/rollback}. */
    public void rollback(ChannelHandlerContext ctx, FullHttpRequest req) {
        FullHttpRequest head = req.replace(Unpooled.EMPTY_BUFFER);
        if (serving(ctx, head)) {
            answerWhenDone(ctx, head, swapper.rollback());
        }
    }

    /** Whether the query string says {@code force=true} (or {@code force} alone, or {@code force=1}). */
    static boolean force(String uri) {
        List<String> v = new QueryStringDecoder(uri).parameters().get("force");
        if (v == null || v.isEmpty()) {
            return false;
        }
        String s = v.get(v.size() - 1);
        return s.isEmpty() || "true".equalsIgnoreCase(s) || "1".equals(s);
    }

    private boolean serving(ChannelHandlerContext ctx, FullHttpRequest head) {
        if (state.serving()) {
            return true;
        }
        refuse(ctx, head, new SwapRefusedException(SwapRefusedException.UNAVAILABLE,
                "the server is not serving (" + state.phase() + ")"));
        return false;
    }

    private static void answerWhenDone(ChannelHandlerContext ctx, FullHttpRequest head,
                                       CompletableFuture<ModelHolder.Loaded> swap) {
        swap.whenComplete((loaded, failure) -> ctx.executor().execute(() -> {
            if (failure == null) {
                HttpResponses.send(ctx, head, HttpResponseStatus.OK, HttpResponses.JSON, ModelInfoJson.of(loaded));
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                refuse(ctx, head, cause instanceof SwapRefusedException s ? s
                        : new SwapRefusedException(500, "swap failed: " + cause, cause));
            }
        }));
    }

    private static void refuse(ChannelHandlerContext ctx, FullHttpRequest head, SwapRefusedException e) {
        HttpResponses.send(ctx, head, HttpResponseStatus.valueOf(e.status()), HttpResponses.JSON,
                ModelInfoJson.error(e.getMessage()));
    }
}
