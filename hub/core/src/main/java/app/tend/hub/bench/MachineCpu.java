package app.tend.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The whole machine's CPU time from {@code /proc/stat}: busy and total jiffies. */
final class MachineCpu {

  private MachineCpu() {}

  /** {busy, total}, or {0, 0} where there is no {@code /proc/stat}. */
  static long[] read() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        total += Long.parseLong(fields[i]);
      }
      long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  /** CPU time (user and system) of another process, in nanoseconds, from {@code /proc/<pid>/stat}; 0 when unknown. */
  static long processNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime are fields 14 and 15 of the line, in clock ticks of 1/100 s on Linux.
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The share of all cores busy between two readings, 0 to 1. */
  static double busyShare(long[] earlier, long[] later) {
    long total = later[1] - earlier[1];
    return total <= 0 ? Double.NaN : (double) (later[0] - earlier[0]) / total;
  }
}
