package io.keygate.bitlocker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.json.Json;
import io.keygate.bitlocker.problem.ProblemCode;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guide cannot drift from the code: every relative link and {@code #anchor} of README.md, docs/*.md and
 * agent/README.md leads somewhere (headings anchored the way GitHub anchors them), every problem code has its
 * section in docs/troubleshooting.md, and every key of the configuration document its row in docs/configuration.md. Codes
 * and keys are read from the code ({@link ProblemCode}, {@link BitLockerConfig} with its defaults), so a code or
 * key added without documentation fails the build, and so does a section left behind for one removed.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    /** A row of the configuration reference: {@code | `key` | default | …}. */
    private static final Pattern KEY_ROW = Pattern.compile("^\\| `([A-Za-z.]+)` \\|");

    private static Map<Path, Page> pages;

    /** A Markdown page as GitHub shows it: the anchors of its headings, and where its links and images point. */
    private record Page(Path file, Set<String> anchors, List<String> targets, List<Heading> headings) {

        static Page read(Path file) {
            Node document;
            try {
                document = Parser.builder().build().parse(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            IdGenerator ids = IdGenerator.builder().build();
            Set<String> anchors = new LinkedHashSet<>();
            List<String> targets = new ArrayList<>();
            List<Heading> headings = new ArrayList<>();
            document.accept(new AbstractVisitor() {
                @Override
                public void visit(Heading heading) {
                    anchors.add(ids.generateId(text(heading)));
                    headings.add(heading);
                }

                @Override
                public void visit(Link link) {
                    targets.add(link.getDestination());
                    visitChildren(link);
                }

                @Override
                public void visit(Image image) {
                    targets.add(image.getDestination());
                }
            });
            return new Page(file, anchors, targets, headings);
        }
    }

    @BeforeAll
    static void readTheDocs() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        files.add(ROOT.resolve("agent/README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        pages = files.stream().collect(Collectors.toMap(f -> f, Page::read));
        assertThat(pages).as("README.md and the guide's pages").hasSizeGreaterThan(10);
    }

    @Test
    void everyRelativeLinkAndAnchorLeadsSomewhere() {
        List<String> broken = new ArrayList<>();
        for (Page page : pages.values()) {
            for (String target : page.targets()) {
                String problem = brokenBecause(page, target);
                if (problem != null) {
                    broken.add(ROOT.relativize(page.file()) + ": (" + target + ") " + problem);
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    /** Why the link does not lead anywhere, or null when it does (links to other sites are not followed). */
    private static String brokenBecause(Page page, String target) {
        if (target.isEmpty() || SCHEME.matcher(target).find() || target.startsWith("//")) {
            return target.isEmpty() ? "empty link" : null;
        }
        int hash = target.indexOf('#');
        String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path file = path.isEmpty() ? page.file() : page.file().getParent().resolve(path).normalize();
        if (!file.startsWith(ROOT)) {
            return "outside the repository";
        }
        if (!Files.exists(file)) {
            return "no such file";
        }
        if (anchor == null) {
            return null;
        }
        Page linked = pages.containsKey(file) ? pages.get(file) : file.toString().endsWith(".md") ? Page.read(file) : null;
        if (linked == null) {
            return "an anchor into a file that is not Markdown";
        }
        return linked.anchors().contains(anchor) ? null : "no heading with that anchor in " + ROOT.relativize(file);
    }

    @Test
    void everyProblemCodeHasItsSectionInTroubleshooting() {
        Page troubleshooting = pages.get(ROOT.resolve("docs/troubleshooting.md"));
        Set<String> codes = Arrays.stream(ProblemCode.values()).map(ProblemCode::code)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> sections = troubleshooting.headings().stream().filter(h -> h.getLevel() == 3)
                .map(DocumentationTest::text).collect(Collectors.toCollection(TreeSet::new));
        assertThat(without(codes, sections)).as("problem codes without their section (### code) in docs/troubleshooting.md")
                .isEmpty();
        assertThat(without(sections, codes)).as("sections of docs/troubleshooting.md for no problem code").isEmpty();
    }

    @Test
    void everyConfigurationKeyHasItsRowInTheReference() throws IOException {
        Set<String> keys = new TreeSet<>();
        leafKeys("", Json.MAPPER.valueToTree(new BitLockerConfig()), keys);
        assertThat(keys).as("keys of the configuration document").contains("enabled", "forwarding.webhook.secret");
        Set<String> rows = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/configuration.md"))) {
            Matcher row = KEY_ROW.matcher(line);
            if (row.find()) {
                rows.add(row.group(1));
            }
        }
        assertThat(without(keys, rows)).as("configuration keys without their row (| `key` | default | …) in docs/configuration.md")
                .isEmpty();
        assertThat(without(rows, keys)).as("rows of docs/configuration.md for no configuration key").isEmpty();
    }

    private static Set<String> without(Set<String> all, Set<String> these) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(these);
        return rest;
    }

    /** The dotted paths of the document's values: objects are walked into, everything else is a key. */
    private static void leafKeys(String prefix, JsonNode node, Set<String> keys) {
        if (!node.isObject()) {
            keys.add(prefix);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            leafKeys(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), keys);
        }
    }

    /** A heading's text as GitHub anchors it: its words and code spans, without the markup. */
    private static String text(Node heading) {
        StringBuilder text = new StringBuilder();
        heading.accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(Code node) {
                text.append(node.getLiteral());
            }
        });
        return text.toString();
    }
}
