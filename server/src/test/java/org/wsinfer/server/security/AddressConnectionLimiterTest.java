package org.wsinfer.server.security;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-address slots: the limit holds under contention, releases free slots, addresses are counted apart. */
class AddressConnectionLimiterTest {
    private static final InetAddress A = InetAddress.getLoopbackAddress();

    @Test
    void slotsAreCountedPerAddress() throws Exception {
        InetAddress b = InetAddress.getByAddress(new byte[] {10, 0, 0, 2});
        AddressConnectionLimiter l = new AddressConnectionLimiter(2);
        assertTrue(l.tryAcquire(A));
        assertTrue(l.tryAcquire(A));
        assertFalse(l.tryAcquire(A));
        assertTrue(l.tryAcquire(b));
        assertEquals(2, l.openFrom(A));
        l.release(A);
        assertTrue(l.tryAcquire(A));
        l.release(A);
        l.release(A);
        l.release(b);
        assertEquals(0, l.openFrom(A));
        assertEquals(0, l.addresses(), "no entry is kept for an address without connections");
        assertThrows(IllegalArgumentException.class, () -> new AddressConnectionLimiter(-1));
    }

    @Test
    void zeroMeansNoLimit() {
        AddressConnectionLimiter l = new AddressConnectionLimiter(0);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(l.tryAcquire(A));
        }
        assertEquals(0, l.addresses());
    }

    @Test
    void theLimitHoldsUnderContention() throws Exception {
        AddressConnectionLimiter l = new AddressConnectionLimiter(50);
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 1_000; i++) {
                    if (l.tryAcquire(A)) {
                        granted.incrementAndGet();
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(50, granted.get());
        assertEquals(50, l.openFrom(A));
    }
}
