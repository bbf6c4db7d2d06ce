package coroutines.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Whether python3 is on the PATH (it is optional on a reader's machine), and which one. */
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
}
