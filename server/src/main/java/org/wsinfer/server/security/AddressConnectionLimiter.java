package org.wsinfer.server.security;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open connections per remote address and refuses a new one beyond the limit (0 = no limit). */
public final class AddressConnectionLimiter {
    private final int maxPerAddress;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();

    /** A limiter of {@code maxPerAddress} connections per address; 0 turns it off. */
    public AddressConnectionLimiter(int maxPerAddress) {
        if (maxPerAddress < 0) {
            throw new IllegalArgumentException("max-connections-per-address must be >= 0, not " + maxPerAddress);
        }
        this.maxPerAddress = maxPerAddress;
    }

    /** Takes a slot for {@code address}; false (nothing taken) when its connections are at the limit. */
    public boolean tryAcquire(InetAddress address) {
        if (maxPerAddress == 0) {
            return true;
        }
        boolean[] taken = new boolean[1];
        open.compute(address, (a, n) -> {
            AtomicInteger count = n == null ? new AtomicInteger() : n;
            if (count.get() < maxPerAddress) {
                count.incrementAndGet();
                taken[0] = true;
            }
            return count.get() == 0 ? null : count;
        });
        return taken[0];
    }

    /** Gives back a slot taken by {@link #tryAcquire(InetAddress)}. */
    public void release(InetAddress address) {
        if (maxPerAddress == 0) {
            return;
        }
        open.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** Open connections counted for {@code address}. */
    public int openFrom(InetAddress address) {
        AtomicInteger n = open.get(address);
        return n == null ? 0 : n.get();
    }

    /** Addresses holding at least one slot (0 when the limit is off). */
    public int addresses() {
        return open.size();
    }

    /** The limit (0 = none). */
    public int maxPerAddress() {
        return maxPerAddress;
    }
}
