package coroutines.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** One line on the machine a run was made on: cores, CPU, memory, kernel, JDK, Python, date. */
final class Machine {

    private Machine() {
    }

    static String describe(String python) {
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + memory() + ", Linux " + System.getProperty("os.version") + ", JDK " + Runtime.version()
                + " (" + System.getProperty("java.vm.vendor") + "), " + (python == null ? "no python3" : python)
                + ", " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name", "unknown CPU");
    }

    private static String memory() {
        String total = procLine("/proc/meminfo", "MemTotal", "");
        try {
            long kb = Long.parseLong(total.replace("kB", "").trim());
            return String.format("%.1f GB of memory", kb / 1024.0 / 1024.0);
        } catch (NumberFormatException unknown) {
            return "memory unknown";
        }
    }

    private static String procLine(String file, String key, String otherwise) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse(otherwise);
        } catch (IOException notLinux) {
            return otherwise;
        }
    }
}
