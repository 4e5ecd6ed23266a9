package dev.driftwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.streams.cli.GenCommand;
import dev.driftwise.streams.cli.LibraryScenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The configuration reference, docs/configuration.md, lists exactly the long options each command's --help
 * lists: a flag added to a command without a row there (or a row for a flag that is gone) fails here.
 */
class ConfigurationReferenceTest {

    private static final Pattern TABLE_FLAG = Pattern.compile("--(?:\\[no-])?([a-z0-9][a-z0-9.<>-]*)");
    private static final Pattern JOB_HELP_FLAG = Pattern.compile("(?m)^\\s+--(\\S+)");
    // bench, tail, dashboard and serve are not dependencies of cli's code (and must not become ones), so their options are read
    // from their picocli @Option annotations in the source; names = "--x" or names = {"--x", "-y"}
    private static final Pattern SOURCE_OPTION = Pattern.compile("@Option\\(\\s*names\\s*=\\s*(\\{[^}]*}|\"[^\"]*\")");
    private static final Pattern QUOTED_LONG_NAME = Pattern.compile("\"--([^\"]+)\"");
    // a @Mixin field's options live in the mixin's class (e.g. KafkaClientOptions): read them from the class itself
    private static final Pattern MIXIN_FIELD = Pattern.compile("@Mixin\\s+(?:final\\s+)?(\\w+)\\s+\\w+");

    private static Path root;
    private static final String REFERENCE = "docs/configuration.md";
    private static String reference;

    @BeforeAll
    static void load() throws Exception {
        root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve(".mvn"))) {
            root = root.getParent();
        }
        assertTrue(root != null, "no folder holding .mvn above " + Path.of("").toAbsolutePath());
        reference = Files.readString(root.resolve(REFERENCE));
    }

    @Test
    void demoTableListsEveryDemoFlag() {
        assertSameFlags("demo", picocliFlags(new CommandLine(new DemoCommand())));
    }

    @Test
    void genTableListsEveryGenFlag() {
        assertSameFlags("gen", picocliFlags(new CommandLine(new GenCommand(new LibraryScenarios()))));
    }

    @Test
    void trainTableListsEveryJobFlag() {
        Set<String> flags = new TreeSet<>();
        Matcher m = JOB_HELP_FLAG.matcher(JobOptions.help());
        while (m.find()) {
            flags.add(m.group(1));
        }
        assertSameFlags("train", flags);
    }

    @Test
    void benchTableListsEveryBenchFlag() throws Exception {
        assertSameFlags("bench", sourceFlags("bench/src/main/java/dev/driftwise/bench/harness/BenchCommand.java"));
    }

    @Test
    void tailTableListsEveryTailFlag() throws Exception {
        assertSameFlags("tail", sourceFlags("consumers/src/main/java/dev/driftwise/consumers/tail/TailCommand.java"));
    }

    @Test
    void dashboardTableListsEveryDashboardFlag() throws Exception {
        assertSameFlags("dashboard", sourceFlags("dashboard/src/main/java/dev/driftwise/dashboard/DashboardCommand.java"));
    }

    @Test
    void serveTableListsEveryServeFlag() throws Exception {
        assertSameFlags("serve", sourceFlags("serving/src/main/java/dev/driftwise/serving/http/ServeCommand.java"));
    }

    private static Set<String> picocliFlags(CommandLine cli) {
        Set<String> flags = new TreeSet<>();
        for (OptionSpec o : cli.getCommandSpec().options()) {
            for (String name : o.names()) {
                if (name.startsWith("--")) {
                    flags.add(name.substring(2));
                }
            }
        }
        return flags;
    }

    /** The @Option long names in a picocli command's source, plus --help/--version of mixinStandardHelpOptions. */
    private static Set<String> sourceFlags(String relativePath) throws Exception {
        String source = Files.readString(root.resolve(relativePath));
        Set<String> flags = new TreeSet<>();
        Matcher option = SOURCE_OPTION.matcher(source);
        while (option.find()) {
            Matcher name = QUOTED_LONG_NAME.matcher(option.group(1));
            while (name.find()) {
                flags.add(name.group(1));
            }
        }
        Matcher mixin = MIXIN_FIELD.matcher(source);
        while (mixin.find()) {
            Matcher imported = Pattern.compile("import\\s+([\\w.]+\\." + mixin.group(1) + ");").matcher(source);
            assertTrue(imported.find(), relativePath + ": cannot find the import of mixin " + mixin.group(1));
            Object options = Class.forName(imported.group(1)).getDeclaredConstructor().newInstance();
            for (OptionSpec o : CommandLine.Model.CommandSpec.forAnnotatedObject(options).options()) {
                for (String name : o.names()) {
                    if (name.startsWith("--")) {
                        flags.add(name.substring(2));
                    }
                }
            }
        }
        assertTrue(!flags.isEmpty(), relativePath + ": no @Option found; did the command move?");
        if (source.contains("mixinStandardHelpOptions = true")) {
            flags.add("help");
            flags.add("version");
        }
        return flags;
    }

    /** Flags in the first column of the table under "### `<command>`" in the reference's "## Commands" section. */
    private static Set<String> referenceFlags(String command) {
        int commands = reference.indexOf("\n## Commands");
        assertTrue(commands >= 0, REFERENCE + " has no '## Commands' section");
        String heading = "\n### `" + command + "`";
        int start = reference.indexOf(heading, commands);
        if (start < 0) {
            fail(REFERENCE + ": no '### `" + command + "`' subsection under '## Commands'");
        }
        int end = reference.indexOf("\n#", start + heading.length());
        String section = reference.substring(start, end < 0 ? reference.length() : end);
        Set<String> flags = new TreeSet<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("| `")) {
                continue; // header, separator and prose rows carry no flags
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            Matcher m = TABLE_FLAG.matcher(firstCell);
            while (m.find()) {
                flags.add(m.group(1));
            }
        }
        return flags;
    }

    private static void assertSameFlags(String command, Set<String> fromHelp) {
        Set<String> inReference = referenceFlags(command);
        Set<String> missing = new TreeSet<>(fromHelp);
        missing.removeAll(inReference);
        Set<String> extra = new TreeSet<>(inReference);
        extra.removeAll(fromHelp);
        assertEquals(fromHelp, inReference, REFERENCE + ", `" + command + "`: missing rows for "
                + prefixed(missing) + ", rows for flags --help does not list " + prefixed(extra));
    }

    private static String prefixed(Set<String> flags) {
        return flags.stream().map(f -> "--" + f).toList().toString();
    }
}
