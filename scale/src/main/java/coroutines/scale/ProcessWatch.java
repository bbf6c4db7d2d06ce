package coroutines.scale;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one client process to its end (or to a time limit) and watches it through
 * {@code /proc/PID/status}: the most threads it had, and its peak resident memory (VmHWM); and,
 * once it has been reaped, the CPU it used from start to exit.
 */
final class ProcessWatch {

    // Often enough to see a burst of threads that lives a few hundred milliseconds.
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(5);

    /** What the process printed and how it ended; totalCpuMillis is -1 where there is no /proc. */
    record Result(int exitStatus, boolean timedOut, String stdout, String stderr, int peakThreads, long peakRssKb,
                  long totalCpuMillis) {
    }

    private ProcessWatch() {
    }

    static Result run(List<String> command, Path directory, Duration limit) throws IOException, InterruptedException {
        // A reaped child's CPU is added to ours (cutime, cstime): one child at a time, so the growth is its.
        long childrenCpuBefore = MachineLoad.childrenCpuMillis();
        Process process = new ProcessBuilder(command).directory(directory.toFile()).start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = readAll(process.getInputStream());
        CompletableFuture<String> stderr = readAll(process.getErrorStream());
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        int peakThreads = 0;
        long peakRssKb = 0;
        long deadline = System.nanoTime() + limit.toNanos();
        boolean timedOut = false;
        while (!process.waitFor(SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
            for (String line : statusLines(status)) {
                if (line.startsWith("Threads:")) {
                    peakThreads = Math.max(peakThreads, Integer.parseInt(line.substring(8).trim()));
                } else if (line.startsWith("VmHWM:")) {
                    peakRssKb = Math.max(peakRssKb, Long.parseLong(line.substring(6).replace("kB", "").trim()));
                }
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor();
                timedOut = true;
                break;
            }
        }
        int exitStatus = process.exitValue();
        long childrenCpuAfter = MachineLoad.childrenCpuMillis();
        long totalCpu = childrenCpuBefore < 0 || childrenCpuAfter < 0 ? -1 : childrenCpuAfter - childrenCpuBefore;
        return new Result(exitStatus, timedOut, stdout.join(), stderr.join(), peakThreads, peakRssKb, totalCpu);
    }

    private static List<String> statusLines(Path status) {
        try {
            return Files.readAllLines(status);
        } catch (IOException exitedMeanwhile) {
            return List.of();
        }
    }

    private static CompletableFuture<String> readAll(InputStream stream) {
        // A thread of its own for each stream: the common pool may have a single thread on two cores,
        // and a full stderr pipe would then stop the client while its stdout is read.
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> new Thread(task, "read-client-output").start());
    }
}
