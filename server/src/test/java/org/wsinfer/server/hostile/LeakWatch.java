package org.wsinfer.server.hostile;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Collects Netty's {@code LEAK:} reports (logged at ERROR by {@code io.netty.util.ResourceLeakDetector}) with leak
 * detection at PARANOID. {@link #assertNoLeaks()} forces a few garbage collections, allocates tracked buffers so the
 * detector polls its reference queue, and fails if anything leaked. One watch per JVM.
 */
public final class LeakWatch extends AppenderBase<ILoggingEvent> {
    private static final LeakWatch INSTANCE = new LeakWatch();

    private final List<String> reports = new CopyOnWriteArrayList<>();

    private LeakWatch() {
    }

    /** The watch, installed on first use; sets leak detection to PARANOID. */
    public static synchronized LeakWatch get() {
        if (!INSTANCE.isStarted()) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
            Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
            INSTANCE.setName("wsinfer-test-leak-watch");
            INSTANCE.setContext(logger.getLoggerContext());
            INSTANCE.start();
            logger.addAppender(INSTANCE);
        }
        return INSTANCE;
    }

    @Override
    protected void append(ILoggingEvent e) {
        String message = e.getFormattedMessage();
        if (message != null && message.contains("LEAK")) {
            reports.add(message);
        }
    }

    /** GC, poke the detectors, and return (and forget) the leak reports collected so far. */
    public List<String> collect() {
        for (int round = 0; round < 5; round++) {
            System.gc();
            System.runFinalization();
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            // every tracked allocation makes the detector report what the GC has enqueued
            for (int i = 0; i < 50; i++) {
                ByteBuf a = PooledByteBufAllocator.DEFAULT.directBuffer(64);
                ByteBuf b = UnpooledByteBufAllocator.DEFAULT.heapBuffer(64);
                a.release();
                b.release();
            }
        }
        List<String> found = new ArrayList<>(reports);
        reports.removeAll(found);
        return found;
    }

    /** Fails with the reports if any buffer was leaked. */
    public void assertNoLeaks() {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            fail("leak detection is " + ResourceLeakDetector.getLevel() + ", not PARANOID");
        }
        List<String> found = collect();
        if (!found.isEmpty()) {
            fail(found.size() + " Netty leak report(s):\n" + String.join("\n\n", found));
        }
    }
}
