package coroutines.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import coroutines.testbed.Event;
import coroutines.testbed.Event.Kind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The chapters' static pictures, from hand-made events: well-formed, escaped, the same for the same events, compared without times. */
class RunSvgTest {

    private static final RunSvg.Provenance MADE = new RunSvg.Provenance("./run pictures 3", 17);

    static Document parsed(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> textsOfClass(Document svg, String role) {
        List<String> texts = new ArrayList<>();
        NodeList all = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        for (int i = 0; i < all.getLength(); i++) {
            if (all.item(i).getAttributes().getNamedItem("class").getNodeValue().equals(role)) {
                texts.add(all.item(i).getTextContent());
            }
        }
        return texts;
    }

    @Test
    void a_host_a_thread_and_a_reason_with_markup_are_text_in_a_well_formed_file() throws Exception {
        for (RunSvg.Language language : RunSvg.Language.values()) {
            Document svg = parsed(RunSvg.draw(RunPageTest.twoRequests(), language, MADE));

            assertThat(svg.getElementsByTagName("script").getLength()).as("no script element, in %s", language).isZero();
            // Control characters, which XML 1.0 cannot hold, are ?; everything else is as the run met it.
            assertThat(textsOfClass(svg, "host")).containsExactly("so1n.me",
                    RunPageTest.MARKUP_HOST.replace('\u0000', '?').replace('\u001b', '?'));
            assertThat(textsOfClass(svg, "thread-name")).containsExactly("main", "worker <b>1</b>");
            assertThat(textsOfClass(svg, "reason")).containsExactly("connection refused </script><b>x</b>");
        }
    }

    @Test
    void every_committed_chapter_picture_is_well_formed() throws Exception {
        Path pictures = Path.of("../docs/pictures");
        List<Path> files;
        try (Stream<Path> listed = Files.list(pictures)) {
            files = listed.filter(file -> file.toString().endsWith(".svg")).sorted().toList();
        }
        assertThat(files).as("the pictures in %s", pictures).isNotEmpty();
        for (Path file : files) {
            Document svg = parsed(Files.readString(file, StandardCharsets.UTF_8));
            assertThat(svg.getDocumentElement().getLocalName()).as(file.toString()).isEqualTo("svg");
        }
    }

    @Test
    void the_same_events_give_the_same_bytes_and_no_script() {
        String once = RunSvg.draw(RunPageTest.twoRequests(), RunSvg.Language.ENGLISH, MADE);

        assertThat(RunSvg.draw(RunPageTest.twoRequests(), RunSvg.Language.ENGLISH, MADE)).isEqualTo(once);
        assertThat(once).doesNotContain("<script").doesNotContain("onload").doesNotContain("href");
    }

    @Test
    void each_language_labels_the_marks_the_outcomes_and_the_axis_in_its_own_words() throws Exception {
        Document english = parsed(RunSvg.draw(RunPageTest.twoRequests(), RunSvg.Language.ENGLISH, MADE));
        Document chinese = parsed(RunSvg.draw(RunPageTest.twoRequests(), RunSvg.Language.CHINESE, MADE));

        assertThat(textsOfClass(english, "legend")).containsExactly("connect", "connected", "sent", "read", "answered", "failed");
        assertThat(textsOfClass(chinese, "legend")).containsExactly("连接", "已连接", "已发送", "读", "已回答", "失败");
        assertThat(textsOfClass(english, "answered")).containsExactly("answered");
        assertThat(textsOfClass(chinese, "failed")).containsExactly("失败");
        assertThat(textsOfClass(chinese, "tick")).allMatch(tick -> tick.matches("\\d+ ms"));
        assertThat(textsOfClass(english, "caption")).containsExactly("1 of 2 hosts answered in 300 ms, client CPU 20 ms");
        assertThat(textsOfClass(chinese, "provenance")).containsExactly("由 ./run pictures 3 在 JDK 17 上画出");
    }

    /** The run of {@link RunPageTest#twoRequests}, later and slower, with its first read in two and other thread counters. */
    private static RunPage.Picture theSameStoryAtOtherTimes() {
        RunPage.Picture picture = RunPageTest.twoRequests();
        List<Event> events = new ArrayList<>();
        for (Event event : picture.events()) {
            String thread = event.thread().equals("main") ? "main" : "worker <b>7</b>";
            Event later = new Event(event.host(), event.request(), event.kind(), 5_000_000_000L + event.nanos() * 3 / 2, thread,
                    event.bytes());
            events.add(later);
            if (event.kind() == Kind.READ && event.bytes() == 300) {
                events.add(new Event(event.host(), event.request(), Kind.READ, later.nanos() + 1_000_000, thread, 1));
            }
        }
        return new RunPage.Picture(picture.stage(), "1 of 2 hosts answered in 450 ms, client CPU 31 ms", picture.requests(),
                events, picture.failures(), picture.incomplete());
    }

    @Test
    void two_runs_that_tell_the_same_story_compare_equal_whatever_their_times_and_reads() {
        String one = RunSvg.draw(RunPageTest.twoRequests(), RunSvg.Language.ENGLISH, MADE);
        String other = RunSvg.draw(theSameStoryAtOtherTimes(), RunSvg.Language.ENGLISH, MADE);

        assertThat(other).isNotEqualTo(one);
        assertThat(RunSvg.comparable(other, RunSvg.Threads.COMPARED)).isEqualTo(RunSvg.comparable(one, RunSvg.Threads.COMPARED));
    }

    @Test
    void a_lost_mark_another_thread_or_another_word_makes_them_differ() {
        RunPage.Picture picture = RunPageTest.twoRequests();
        String drawn = RunSvg.draw(picture, RunSvg.Language.ENGLISH, MADE);
        List<Event> withoutSent = picture.events().stream().filter(event -> event.kind() != Kind.SENT).toList();
        List<Event> allOnMain = picture.events().stream()
                .map(event -> new Event(event.host(), event.request(), event.kind(), event.nanos(), "main", event.bytes())).toList();

        for (List<Event> events : List.of(withoutSent, allOnMain)) {
            String changed = RunSvg.draw(new RunPage.Picture(picture.stage(), picture.summary(), picture.requests(), events,
                    picture.failures(), picture.incomplete()), RunSvg.Language.ENGLISH, MADE);
            assertThat(RunSvg.comparable(changed, RunSvg.Threads.COMPARED)).isNotEqualTo(RunSvg.comparable(drawn, RunSvg.Threads.COMPARED));
        }
        // Without the threads, as for a picture drawn on another JDK, the one on main compares equal; the lost mark still does not.
        String allOnMainDrawn = RunSvg.draw(new RunPage.Picture(picture.stage(), picture.summary(), picture.requests(), allOnMain,
                picture.failures(), picture.incomplete()), RunSvg.Language.ENGLISH, new RunSvg.Provenance("./run pictures 3", 25));
        assertThat(RunSvg.comparable(allOnMainDrawn, RunSvg.Threads.LEFT_OUT)).isEqualTo(RunSvg.comparable(drawn, RunSvg.Threads.LEFT_OUT));
        assertThat(RunSvg.comparable(RunSvg.draw(picture, RunSvg.Language.CHINESE, MADE), RunSvg.Threads.COMPARED))
                .isNotEqualTo(RunSvg.comparable(drawn, RunSvg.Threads.COMPARED));
    }
}
