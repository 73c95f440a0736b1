/**
 * The wsinfer load driver: an open-loop WebSocket load generator ({@code drive}) and the loops built on it
 * ({@code capacity}, {@code sweep}).
 */
package org.wsinfer.loadtest;
