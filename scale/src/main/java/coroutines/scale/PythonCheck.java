package coroutines.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Whether python3 is on the PATH (it is optional on a reader's machine), which one, and where its interpreter is. */
final class PythonCheck {

    private PythonCheck() {
    }

    /** {@code Python 3.x.y}, or null if there is no python3 to run. */
    static String version() {
        try {
            Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 && version.startsWith("Python 3") ? version : null;
        } catch (IOException notFound) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The interpreter python3 runs (sys.executable), or "python3" if it cannot tell: started directly,
     * a launcher in front of it (pyenv's shim: a shell script, 100 ms of CPU) is not measured with it.
     */
    static String interpreter() {
        try {
            Process process = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "python3";
            }
            String path = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 && !path.isEmpty() ? path : "python3";
        } catch (IOException notFound) {
            return "python3";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "python3";
        }
    }
}
