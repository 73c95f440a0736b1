package org.wsinfer.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wsinfer.reports.cli.ReportsCli;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parses the command lines the manifests, the Containerfile and the README run with the tools' own picocli commands,
 * after the variable expansion the kubelet does: a renamed or mistyped option, or a value the tool cannot convert,
 * fails here rather than in a cluster.
 */
class CommandLinesTest {
    static final Pattern VAR_REF = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    static Path moduleDir;
    static ManifestSet manifests;
    static String readme;

    @BeforeAll
    static void load() throws Exception {
        moduleDir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        manifests = ManifestSet.load(moduleDir.resolve("k8s"));
        readme = Files.readString(moduleDir.resolve("k8s/README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void theServerDeploymentsArgsParseAsServe() {
        Container server = ManifestsTest.single(
                manifests.get(Deployment.class, ManifestsTest.SERVER).getSpec().getTemplate().getSpec().getContainers());
        ParseResult parsed = parseServer(expand(server, 0));
        assertEquals("serve", parsed.subcommand().commandSpec().name());
    }

    @Test
    void everyInjectorsArgsParseAsDriveWithItsOwnIdAndOutputFolder() throws Exception {
        Job job = manifests.get(Job.class, ManifestsTest.INJECTORS);
        Container injector = ManifestsTest.single(job.getSpec().getTemplate().getSpec().getContainers());
        List<String> ids = new ArrayList<>();
        List<String> outs = new ArrayList<>();
        for (int index = 0; index < job.getSpec().getCompletions(); index++) {
            List<String> args = expand(injector, index);
            assertEquals(List.of("loadtest", "drive"), args.subList(0, 2), "injector tool and command");
            ParseResult parsed = parseDrive(args.subList(2, args.size()));
            ids.add(parsed.matchedOptionValue("--injector-id", (String) null));
            outs.add(String.valueOf(parsed.matchedOptionValue("--out", (Object) null)));
        }
        assertEquals(ids.size(), ids.stream().distinct().count(), "injector ids must differ: " + ids);
        assertEquals(outs.size(), outs.stream().distinct().count(), "injector output folders must differ: " + outs);
        assertEquals("injector-0", ids.get(0), "the first injector's id");
    }

    @Test
    void theReadmesReportsCommandsParseAndReportTheMergedFolder() {
        Job job = manifests.get(Job.class, ManifestsTest.INJECTORS);
        Container injector = ManifestsTest.single(job.getSpec().getTemplate().getSpec().getContainers());
        int injectors = job.getSpec().getCompletions();
        Matcher m = Pattern.compile("wsinfer reports (merge|report) ([^'&\\n]+)").matcher(readme);
        Map<String, List<String>> commands = new LinkedHashMap<>();
        while (m.find()) {
            List<String> args = new ArrayList<>(List.of(m.group(1)));
            for (String word : m.group(2).strip().split("\\s+")) {
                if (word.endsWith("*")) { // the shell's glob over the injectors' folders
                    for (int i = 0; i < injectors; i++) {
                        args.add(word.substring(0, word.length() - 1) + i);
                    }
                } else {
                    args.add(word);
                }
            }
            commands.put(m.group(1), args);
        }
        assertEquals(List.of("merge", "report"), List.copyOf(commands.keySet()), "README.md: merge, then report");

        List<String> merge = commands.get("merge");
        for (int i = 0; i < injectors; i++) {
            assertTrue(merge.contains(expand(injector, i).get(expand(injector, i).indexOf("--out") + 1)),
                    "merge does not read injector " + i + "'s --out: " + merge);
        }
        ParseResult mergeParsed = parseReports(merge);
        ParseResult reportParsed = parseReports(commands.get("report"));
        String merged = String.valueOf(mergeParsed.subcommand().matchedOptionValue("--out", (Object) null));
        List<Object> reportInputs = reportParsed.subcommand().matchedPositionals().get(0).getValue();
        assertEquals(merged, String.valueOf(reportInputs.get(0)), "report must read what merge wrote");
    }

    @Test
    void theContainerfilesDefaultCommandParses() throws Exception {
        Containerfile file = Containerfile.parse(
                Files.readString(moduleDir.resolve("Containerfile"), StandardCharsets.UTF_8));
        Containerfile.Instruction cmd = file.finalStage().last("CMD");
        assertNotNull(cmd, "CMD");
        List<String> args = new ObjectMapper().readValue(cmd.arguments(), new TypeReference<List<String>>() { });
        assertEquals("server", args.get(0), "CMD runs the server");
        assertEquals("serve", parseServer(args).subcommand().commandSpec().name());
    }

    @Test
    void theReadmesTrainingInitContainerParsesAsTrainIntoTheModelFolder() {
        Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README.md has no yaml snippet for the initContainer");
        String yaml = block.group(1).stripIndent();
        PodSpec spec = new KubernetesSerialization().unmarshal(yaml, PodSpec.class);
        assertEquals(List.of(), UnknownFields.in(spec), "the README's initContainer snippet has unknown fields");
        Container train = ManifestsTest.single(spec.getInitContainers());
        assertEquals(List.of(ManifestsTest.LAUNCHER), train.getCommand(), "initContainer command");
        ParseResult parsed = parseServer(train.getArgs());
        assertEquals("train", parsed.subcommand().commandSpec().name());
        String out = String.valueOf(parsed.subcommand().matchedOptionValue("--out", (Object) null));
        Container server = ManifestsTest.single(
                manifests.get(Deployment.class, ManifestsTest.SERVER).getSpec().getTemplate().getSpec().getContainers());
        assertEquals(new CommandArgs(server.getArgs()).require("--model"), out, "train --out != the server's --model");
        assertTrue(train.getVolumeMounts().stream().anyMatch(v -> v.getMountPath().equals(out)),
                "the initContainer must mount the model volume where it writes");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The container's args as the kubelet passes them to the process of the pod with this completion index. */
    static List<String> expand(Container c, int completionIndex) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            env.put(e.getName(), valueOf(e, completionIndex));
        }
        List<String> out = new ArrayList<>();
        for (String arg : c.getArgs()) {
            Matcher m = VAR_REF.matcher(arg);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = env.get(m.group(1));
                assertNotNull(value, "$(" + m.group(1) + ") is not in the env of " + c.getName());
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    private static String valueOf(EnvVar e, int completionIndex) {
        if (e.getValueFrom() == null) {
            return e.getValue() == null ? "" : e.getValue();
        }
        if (e.getValueFrom().getFieldRef() != null) {
            assertEquals(ManifestsTest.INDEX_ANNOTATION, e.getValueFrom().getFieldRef().getFieldPath(),
                    "the only field this test can expand is the completion index");
            return Integer.toString(completionIndex);
        }
        assertNotNull(e.getValueFrom().getConfigMapKeyRef(), "env " + e.getName() + ": unexpected source");
        ConfigMap cm = manifests.get(ConfigMap.class, e.getValueFrom().getConfigMapKeyRef().getName());
        String value = cm.getData().get(e.getValueFrom().getConfigMapKeyRef().getKey());
        assertNotNull(value, "env " + e.getName() + ": no such key");
        return value;
    }

    private static ParseResult parseServer(List<String> argsAfterTool) {
        assertFalse(argsAfterTool.isEmpty(), "no server command");
        List<String> args = argsAfterTool.get(0).equals("server") ? argsAfterTool.subList(1, argsAfterTool.size())
                : argsAfterTool;
        return parse(new CommandLine(new org.wsinfer.server.Main()), args);
    }

    /** drive's command has no public constructor: build it as its Main does, with streams that print nowhere. */
    private static ParseResult parseDrive(List<String> argsAfterDrive) throws Exception {
        Class<?> drive = Class.forName("org.wsinfer.loadtest.cli.DriveCommand");
        Constructor<?> ctor = drive.getDeclaredConstructor(PrintStream.class, PrintStream.class);
        ctor.setAccessible(true);
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return parse(new CommandLine(ctor.newInstance(nowhere, nowhere)), argsAfterDrive);
    }

    private static ParseResult parseReports(List<String> args) {
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return parse(ReportsCli.commandLine(nowhere, nowhere, Clock.systemUTC()), args);
    }

    private static ParseResult parse(CommandLine cl, List<String> args) {
        try {
            return cl.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(cl.getCommandName() + " does not accept " + args + ": " + e.getMessage(), e);
        }
    }
}
