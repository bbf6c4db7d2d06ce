// Counts each stage's lesson code beside the article listing it re-tells: run `java tools/LessonSize.java`.

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How close each stage's lesson files stay to the article: their code lines beside the lines of
 * the listing they re-tell, as a ratio, and whether it keeps within 2.5. A code line is a line
 * that is not blank, not only a comment, and not an import or package line. An article listing
 * counts as the article numbers it (every line, blank ones too). Where the article gives no whole
 * program (stages 2 and 6), the stage is set beside this repository's Python program of the same
 * section, counted as code lines. Exits with 1 if a stage is over the bound.
 */
public final class LessonSize {

    static final double BOUND = 2.5;

    /** What a stage's lesson files are set beside, and how many lines that is. */
    record Peer(String what, int lines) {
    }

    record StageFiles(String stage, List<String> files, Peer peer) {
    }

    // The article's listings, by the article's own line numbers (article.zh.txt, 2021-11-08).
    static final List<StageFiles> STAGES = List.of(
            new StageFiles("stage1-blocking",
                    List.of("stage1-blocking/src/main/java/coroutines/blocking/BlockingClient.java"),
                    new Peer("section 1's listing (numbered 1-20)", 20)),
            new StageFiles("stage2-nonblocking-poll",
                    List.of("stage2-nonblocking-poll/src/main/java/coroutines/polling/PollingClient.java"),
                    new Peer("python/section2_poll.py (section 2 gives fragments, not a program)", -1)),
            new StageFiles("stage3-selector-callbacks",
                    List.of("stage3-selector-callbacks/src/main/java/coroutines/selector/SelectorClient.java",
                            "stage3-selector-callbacks/src/main/java/coroutines/selector/Request.java",
                            "stage3-selector-callbacks/src/main/java/coroutines/selector/EventLoop.java"),
                    new Peer("section 2's selector listing (numbered 1-63)", 63)),
            new StageFiles("stage4-generator-coroutines",
                    List.of("stage4-generator-coroutines/src/main/java/coroutines/yielding/ArticleExamples.java",
                            "stage4-generator-coroutines/src/main/java/coroutines/yielding/DemoFrame.java",
                            "stage4-generator-coroutines/src/main/java/coroutines/yielding/CountFrame.java",
                            "stage4-generator-coroutines/src/main/java/coroutines/yielding/AccumulateFrame.java",
                            "stage4-generator-coroutines/src/main/java/coroutines/yielding/YieldFromFrame.java",
                            "stage4-generator-coroutines/src/main/java/coroutines/yielding/GeneratorClient.java"),
                    new Peer("section 3.1's four generator sessions (34 + 31 + 33 + 52 numbered lines)", 150)),
            new StageFiles("stage5-tasks-futures",
                    List.of("stage5-tasks-futures/src/main/java/coroutines/tasks/Future.java",
                            "stage5-tasks-futures/src/main/java/coroutines/tasks/Task.java",
                            "stage5-tasks-futures/src/main/java/coroutines/tasks/HttpRequest.java",
                            "stage5-tasks-futures/src/main/java/coroutines/tasks/EventLoop.java",
                            "stage5-tasks-futures/src/main/java/coroutines/tasks/TaskClient.java"),
                    new Peer("section 3.2's Future, Task and HttpRequest listings (61 + 25 + 61 numbered lines)", 147)),
            new StageFiles("stage6-virtual-threads",
                    List.of("stage6-virtual-threads/src/main/java/coroutines/virtualthreads/VirtualThreadClient.java"),
                    new Peer("python/asyncio_version.py (the article ends with a note, not a program)", -1)));

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        boolean allWithin = true;
        System.out.printf("%-28s %6s %6s %6s  %s%n", "stage", "code", "peer", "ratio", "set beside");
        for (StageFiles stage : STAGES) {
            int code = 0;
            for (String file : stage.files()) {
                code += javaCodeLines(Files.readAllLines(root.resolve(file)));
            }
            int peer = stage.peer().lines() > 0 ? stage.peer().lines()
                    : pythonCodeLines(Files.readAllLines(root.resolve(stage.peer().what().split(" ")[0])));
            double ratio = (double) code / peer;
            boolean within = ratio <= BOUND;
            allWithin &= within;
            System.out.printf("%-28s %6d %6d %6.2f  %s%s%n", stage.stage(), code, peer, ratio, stage.peer().what(),
                    within ? "" : "  OVER " + BOUND);
        }
        System.out.println("code: lines neither blank, nor only a comment, nor an import or package line");
        System.exit(allWithin ? 0 : 1);
    }

    /** Lines that are not blank, not inside or only a comment, and not an import or package line. */
    static int javaCodeLines(List<String> lines) {
        int count = 0;
        boolean inComment = false;
        for (String line : lines) {
            String text = line.strip();
            if (inComment) {
                inComment = !text.contains("*/");
                continue;
            }
            if (text.startsWith("/*")) {
                inComment = !text.contains("*/");
                continue;
            }
            if (text.isEmpty() || text.startsWith("//") || text.startsWith("import ") || text.startsWith("package ")) {
                continue;
            }
            count++;
        }
        return count;
    }

    /** Lines that are not blank, not only a comment, and not an import line; docstrings count as code. */
    static int pythonCodeLines(List<String> lines) {
        int count = 0;
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith("import ") || text.startsWith("from ")) {
                continue;
            }
            count++;
        }
        return count;
    }
}
