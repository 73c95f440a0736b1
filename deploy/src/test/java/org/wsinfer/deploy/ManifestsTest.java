package org.wsinfer.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Parses every manifest of {@code deploy/k8s/} into typed Kubernetes objects and checks that the server, its Service,
 * the injector Job, the volumes and the Containerfile fit together.
 */
class ManifestsTest {
    static final String SERVER = "wsinfer-server";
    static final String INJECTORS = "wsinfer-injectors";
    static final String MODEL_CONFIG_MAP = "wsinfer-model";
    static final String RUN_CONFIG_MAP = "wsinfer-run";
    static final String RESULTS = "wsinfer-results";
    /** The server's WebSocket path (HttpRoutesHandler.WEBSOCKET_PATH). */
    static final String WEBSOCKET_PATH = "/ws";
    static final String HEALTH_PATH = "/health";
    static final String LAUNCHER = "/opt/wsinfer/bin/wsinfer";
    static final String JAR_DIR = "/opt/wsinfer";
    static final String INDEX_VAR = "JOB_COMPLETION_INDEX";
    static final String INDEX_ANNOTATION = "metadata.annotations['batch.kubernetes.io/job-completion-index']";
    static final Set<String> KNOWN_KINDS =
            Set.of("Deployment", "Service", "Job", "ConfigMap", "PersistentVolumeClaim", "Pod");
    static final Set<String> TOOLS = Set.of("server", "loadtest", "reports");

    static Path moduleDir;
    static ManifestSet manifests;
    static String readme;
    static Containerfile containerfile;

    @BeforeAll
    static void load() throws Exception {
        moduleDir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        manifests = ManifestSet.load(moduleDir.resolve("k8s"));
        readme = Files.readString(moduleDir.resolve("k8s/README.md"), StandardCharsets.UTF_8);
        containerfile = Containerfile.parse(Files.readString(moduleDir.resolve("Containerfile"), StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // every document

    @Test
    void everyDocumentIsAKnownKindWithNoUnknownField() {
        assertFalse(manifests.documents().isEmpty(), "no manifest found in deploy/k8s");
        Set<String> seen = new LinkedHashSet<>();
        for (ManifestSet.Document d : manifests.documents()) {
            assertTrue(KNOWN_KINDS.contains(d.kind()), d.source() + ": unexpected kind " + d.kind());
            assertNotNull(d.name(), d.source() + ": no metadata.name");
            assertTrue(seen.add(d.kind() + "/" + d.name()), d.source() + ": " + d.kind() + " " + d.name() + " twice");
            assertEquals(List.of(), UnknownFields.in(d.object()), d.source() + ": fields Kubernetes does not know");
            Map<String, String> labels = d.object().getMetadata().getLabels();
            assertEquals("wsinfer", labels == null ? null : labels.get("app.kubernetes.io/part-of"),
                    d.source() + ": label app.kubernetes.io/part-of");
        }
        // the objects the README's commands and the other manifests name
        manifests.get(Deployment.class, SERVER);
        manifests.get(Service.class, SERVER);
        manifests.get(Job.class, INJECTORS);
        manifests.get(ConfigMap.class, MODEL_CONFIG_MAP);
        manifests.get(ConfigMap.class, RUN_CONFIG_MAP);
        manifests.get(PersistentVolumeClaim.class, RESULTS);
        manifests.get(Pod.class, RESULTS);
    }

    @Test
    void everyReferencedConfigMapKeyAndClaimExists() {
        for (Map.Entry<String, PodSpec> e : podSpecs().entrySet()) {
            for (Volume v : e.getValue().getVolumes()) {
                if (v.getConfigMap() != null) {
                    ConfigMap cm = manifests.get(ConfigMap.class, v.getConfigMap().getName());
                    if (v.getConfigMap().getItems() != null) {
                        v.getConfigMap().getItems().forEach(item -> assertTrue(hasKey(cm, item.getKey()),
                                e.getKey() + ": volume " + v.getName() + " item " + item.getKey()));
                    }
                } else if (v.getPersistentVolumeClaim() != null) {
                    manifests.get(PersistentVolumeClaim.class, v.getPersistentVolumeClaim().getClaimName());
                } else {
                    assertNotNull(v.getEmptyDir(), e.getKey() + ": volume " + v.getName() + " of an unexpected type");
                }
            }
            for (Container c : allContainers(e.getValue())) {
                Set<String> mountable = new TreeSet<>();
                e.getValue().getVolumes().forEach(v -> mountable.add(v.getName()));
                for (VolumeMount m : c.getVolumeMounts()) {
                    assertTrue(mountable.contains(m.getName()),
                            e.getKey() + "/" + c.getName() + ": mounts undeclared volume " + m.getName());
                }
                for (EnvVar env : c.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                        ConfigMapKeySelector ref = env.getValueFrom().getConfigMapKeyRef();
                        assertTrue(hasKey(manifests.get(ConfigMap.class, ref.getName()), ref.getKey()),
                                e.getKey() + "/" + c.getName() + ": env " + env.getName() + " -> missing key "
                                        + ref.getName() + "/" + ref.getKey());
                    }
                }
            }
        }
    }

    @Test
    void everyContainerHasCpuAndMemoryRequestsAndLimits() {
        for (Map.Entry<String, PodSpec> e : podSpecs().entrySet()) {
            for (Container c : allContainers(e.getValue())) {
                String where = e.getKey() + "/" + c.getName();
                ResourceRequirements r = c.getResources();
                assertNotNull(r, where + ": no resources");
                for (String resource : List.of("cpu", "memory")) {
                    Quantity request = r.getRequests() == null ? null : r.getRequests().get(resource);
                    Quantity limit = r.getLimits() == null ? null : r.getLimits().get(resource);
                    assertNotNull(request, where + ": no " + resource + " request");
                    assertNotNull(limit, where + ": no " + resource + " limit");
                    assertTrue(request.getNumericalAmount().signum() > 0, where + ": " + resource + " request is 0");
                    assertTrue(request.getNumericalAmount().compareTo(limit.getNumericalAmount()) <= 0,
                            where + ": " + resource + " request " + request + " above its limit " + limit);
                }
            }
        }
    }

    @Test
    void everyPodRunsTheOneImageAsTheContainerfilesNonRootUser() {
        long imageUid = containerfileUid();
        assertTrue(imageUid > 0, "the Containerfile's USER must not be root");
        Set<String> images = new TreeSet<>();
        for (Map.Entry<String, PodSpec> e : podSpecs().entrySet()) {
            PodSecurityContext sc = e.getValue().getSecurityContext();
            assertNotNull(sc, e.getKey() + ": no pod securityContext");
            assertEquals(Boolean.TRUE, sc.getRunAsNonRoot(), e.getKey() + ": runAsNonRoot");
            if (sc.getRunAsUser() != null) {
                assertEquals(imageUid, sc.getRunAsUser(), e.getKey() + ": runAsUser differs from the image's USER");
            }
            allContainers(e.getValue()).forEach(c -> images.add(c.getImage()));
        }
        assertEquals(1, images.size(), "all pods run the one wsinfer image, found " + images);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the server and its Service

    @Test
    void serviceSelectsTheServerPodsAndTargetsThePortTheServerBinds() {
        Deployment deployment = manifests.get(Deployment.class, SERVER);
        Service service = manifests.get(Service.class, SERVER);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertSubset(deployment.getSpec().getSelector().getMatchLabels(), podLabels, "Deployment selector");
        assertSubset(service.getSpec().getSelector(), podLabels, "Service selector");

        Container server = serverContainer();
        CommandArgs args = new CommandArgs(server.getArgs());
        assertEquals(LAUNCHER, single(server.getCommand()), "server command");
        assertEquals("server", args.at(0), "server args[0]: the tool");
        assertEquals("serve", args.at(1), "server args[1]: the subcommand");
        assertEquals("0.0.0.0", args.require("--host"), "the server must listen on all pod addresses");

        ServicePort port = servicePort(service);
        int target = resolvePort(port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort(),
                server, "Service targetPort");
        assertEquals(target, Integer.parseInt(args.require("--port")),
                "the Service targets container port " + target + " but the server binds --port " + args.require("--port"));
        assertEquals("TCP", Optional.ofNullable(port.getProtocol()).orElse("TCP"), "Service protocol");

        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey("prometheus.io/port")) {
            assertEquals(String.valueOf(target), annotations.get("prometheus.io/port"), "prometheus.io/port");
            assertEquals("/metrics", annotations.get("prometheus.io/path"), "prometheus.io/path");
        }
    }

    @Test
    void probesAreHttpGetOnHealthAtTheServiceTargetPort() {
        Container server = serverContainer();
        Service service = manifests.get(Service.class, SERVER);
        ServicePort port = servicePort(service);
        int target = resolvePort(port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort(),
                server, "Service targetPort");
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("readinessProbe", server.getReadinessProbe());
        probes.put("livenessProbe", server.getLivenessProbe());
        if (server.getStartupProbe() != null) {
            probes.put("startupProbe", server.getStartupProbe());
        }
        for (Map.Entry<String, Probe> p : probes.entrySet()) {
            assertNotNull(p.getValue(), "server has no " + p.getKey());
            HTTPGetAction get = p.getValue().getHttpGet();
            assertNotNull(get, p.getKey() + " must be httpGet");
            assertEquals(HEALTH_PATH, get.getPath(), p.getKey() + " path");
            assertEquals(target, resolvePort(get.getPort(), server, p.getKey() + " port"), p.getKey() + " port");
            assertTrue(get.getScheme() == null || get.getScheme().equals("HTTP"), p.getKey() + " scheme");
        }
    }

    @Test
    void terminationGraceCoversThePreStopSleepAndTheDrain() {
        Deployment deployment = manifests.get(Deployment.class, SERVER);
        Container server = serverContainer();
        long drainMs = drainTimeoutMs(new CommandArgs(server.getArgs()));
        assertTrue(drainMs > 0, "the server's drain timeout must be > 0");
        long preStopMs = preStopSleepMs(server);
        assertTrue(preStopMs > 0, "the server needs a preStop sleep so that the Service endpoints update first");
        Long graceS = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertNotNull(graceS, "terminationGracePeriodSeconds");
        assertTrue(graceS * 1000 > preStopMs + drainMs, String.format(Locale.US,
                "terminationGracePeriodSeconds %d s must exceed the preStop sleep %d ms + the drain timeout %d ms",
                graceS, preStopMs, drainMs));
        // /health answers 503 while draining: liveness must not give up (and restart the container) before the drain ends
        Probe liveness = server.getLivenessProbe();
        long livenessGiveUpMs = 1000L * valueOr(liveness.getPeriodSeconds(), 10) * valueOr(liveness.getFailureThreshold(), 3);
        assertTrue(livenessGiveUpMs > drainMs, "liveness period * failureThreshold (" + livenessGiveUpMs
                + " ms) must exceed the drain timeout (" + drainMs + " ms)");
    }

    @Test
    void theModelDirectoryIsMountedWhereTheServerLoadsIt() throws Exception {
        Deployment deployment = manifests.get(Deployment.class, SERVER);
        Container server = serverContainer();
        String modelDir = new CommandArgs(server.getArgs()).require("--model");
        VolumeMount mount = server.getVolumeMounts().stream()
                .filter(m -> samePath(m.getMountPath(), modelDir))
                .findFirst().orElseThrow(() -> new AssertionError("nothing is mounted at --model " + modelDir));
        assertEquals(Boolean.TRUE, mount.getReadOnly(), "the model mount should be read-only");
        assertTrue(mount.getSubPath() == null || mount.getSubPath().isEmpty(), "the model mount uses no subPath");
        Volume volume = volume(deployment.getSpec().getTemplate().getSpec(), mount.getName());
        assertNotNull(volume.getConfigMap(), "this deployment mounts the model from a ConfigMap (see README.md)");
        ConfigMap cm = manifests.get(ConfigMap.class, volume.getConfigMap().getName());

        String modelJson = cm.getData() == null ? null : cm.getData().get("model.json");
        assertNotNull(modelJson, "the model ConfigMap has no model.json in data");
        JsonNode meta = new ObjectMapper().readTree(modelJson);
        int inputDim = meta.path("input_dim").asInt(-1);
        int outputDim = meta.path("output_dim").asInt(-1);
        assertTrue(inputDim > 0 && outputDim > 0, "model.json input_dim/output_dim: " + modelJson);
        assertTrue(meta.path("version").canConvertToInt(), "model.json version");

        Map<String, String> binary = cm.getBinaryData() == null ? Map.of() : cm.getBinaryData();
        assertEquals(List.of(inputDim, outputDim), npyFloat32Shape(binary, "weights.npy"), "weights.npy shape");
        assertEquals(List.of(outputDim), npyFloat32Shape(binary, "bias.npy"), "bias.npy shape");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the injectors

    @Test
    void theInjectorJobIsIndexedWithTheDocumentedParallelism() {
        Job job = manifests.get(Job.class, INJECTORS);
        Matcher n = Pattern.compile("N = (\\d+)").matcher(readme);
        assertTrue(n.find(), "README.md must state the number of injectors as 'N = <n>'");
        int documented = Integer.parseInt(n.group(1));
        assertEquals("Indexed", job.getSpec().getCompletionMode(), "completionMode");
        assertEquals(documented, job.getSpec().getCompletions(), "completions == the README's N");
        assertEquals(documented, job.getSpec().getParallelism(), "parallelism == the README's N (all at once)");
        assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy(), "restartPolicy");
        assertEquals(0, job.getSpec().getBackoffLimitPerIndex(),
                "backoffLimitPerIndex 0: a retried injector would start after the shared start time");
        assertEquals(null, job.getSpec().getBackoffLimit(),
                "no backoffLimit: one injector's invalid run (exit 1) must not stop the others");
        // drive's exit 2 (bad arguments, could not start) is shared by every injector: stop them all at once
        Container injector = injectorContainer();
        assertNotNull(job.getSpec().getPodFailurePolicy(), "podFailurePolicy");
        assertTrue(job.getSpec().getPodFailurePolicy().getRules().stream().anyMatch(r -> "FailJob".equals(r.getAction())
                        && r.getOnExitCodes() != null
                        && injector.getName().equals(r.getOnExitCodes().getContainerName())
                        && "In".equals(r.getOnExitCodes().getOperator())
                        && r.getOnExitCodes().getValues().contains(2)),
                "podFailurePolicy must FailJob on the injector's exit code 2");
        assertNotNull(job.getSpec().getActiveDeadlineSeconds(), "a bounded Job: activeDeadlineSeconds");
    }

    @Test
    void driveConnectsToTheServiceNameAndPortAtTheWebSocketPath() {
        Container injector = injectorContainer();
        CommandArgs args = new CommandArgs(injector.getArgs());
        assertEquals(LAUNCHER, single(injector.getCommand()), "injector command");
        assertEquals("loadtest", args.at(0), "injector args[0]: the tool");
        assertEquals("drive", args.at(1), "injector args[1]: the subcommand");

        Service service = manifests.get(Service.class, SERVER);
        URI url = URI.create(args.require("--url"));
        assertTrue("ws".equals(url.getScheme()) || "wss".equals(url.getScheme()), "--url scheme: " + url);
        String[] host = url.getHost().split("\\.");
        assertEquals(service.getMetadata().getName(), host[0], "--url host is not the Service: " + url);
        assertTrue(host.length <= 2 || host[2].equals("svc"), "--url host is not a Service DNS name: " + url);
        int port = url.getPort() >= 0 ? url.getPort() : ("wss".equals(url.getScheme()) ? 443 : 80);
        assertEquals(servicePort(service).getPort(), port, "--url port != the Service port: " + url);
        assertEquals(WEBSOCKET_PATH, url.getPath(), "--url path");

        String framing = args.require("--framing");
        assertTrue(framing.equals("binary") || framing.equals("text"), "--framing " + framing);
        for (String positive : List.of("--rate", "--connections")) {
            assertTrue(Double.parseDouble(args.require(positive)) > 0, positive + " must be > 0");
        }
        for (String duration : List.of("--duration", "--warmup")) {
            assertFalse(parseDuration(args.require(duration)).isNegative(), duration);
        }
        assertTrue(parseDuration(args.require("--duration")).toMillis() > 0, "--duration must be > 0");
    }

    @Test
    void eachInjectorIsNamedByItsCompletionIndexAndStartsAtTheSharedInstant() {
        Container injector = injectorContainer();
        CommandArgs args = new CommandArgs(injector.getArgs());
        assertTrue(args.require("--injector-id").contains("$(" + INDEX_VAR + ")"),
                "--injector-id must use $(" + INDEX_VAR + ")");
        // Kubernetes expands $(VAR) in args only for variables of the container's env: anything else stays literal
        Map<String, EnvVar> env = new LinkedHashMap<>();
        injector.getEnv().forEach(e -> env.put(e.getName(), e));
        for (String name : args.variableReferences()) {
            assertTrue(env.containsKey(name), "args use $(" + name + ") but the container's env does not define it");
        }
        EnvVar index = env.get(INDEX_VAR);
        assertEquals(INDEX_ANNOTATION, index.getValueFrom() == null || index.getValueFrom().getFieldRef() == null
                ? null : index.getValueFrom().getFieldRef().getFieldPath(), INDEX_VAR + " source");

        String startAt = args.require("--start-at");
        Matcher ref = Pattern.compile("^\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)$").matcher(startAt);
        assertTrue(ref.matches(), "--start-at must come from one variable set once per run, not " + startAt);
        EnvVar startVar = env.get(ref.group(1));
        ConfigMapKeySelector key = startVar.getValueFrom() == null ? null : startVar.getValueFrom().getConfigMapKeyRef();
        assertNotNull(key, "--start-at's variable must come from a ConfigMap key");
        assertEquals(RUN_CONFIG_MAP, key.getName(), "--start-at's ConfigMap");
        String value = manifests.get(ConfigMap.class, RUN_CONFIG_MAP).getData().get(key.getKey());
        assertNotNull(value, "the run ConfigMap has no " + key.getKey());
        Instant.parse(value); // a shared absolute instant, not a per-pod relative delay
    }

    @Test
    void resultsGoToTheSharedVolumeThatTheResultsPodAndTheReadmeUse() {
        Job job = manifests.get(Job.class, INJECTORS);
        Container injector = injectorContainer();
        String out = new CommandArgs(injector.getArgs()).require("--out");
        assertTrue(out.contains("$(" + INDEX_VAR + ")"), "--out must differ per injector: " + out);
        VolumeMount mount = mountUnder(injector, out);
        assertFalse(Boolean.TRUE.equals(mount.getReadOnly()), "the results mount must be writable");
        Volume volume = volume(job.getSpec().getTemplate().getSpec(), mount.getName());
        assertNotNull(volume.getPersistentVolumeClaim(), "the results volume must outlive the pods: a PVC");
        String claim = volume.getPersistentVolumeClaim().getClaimName();
        PersistentVolumeClaim pvc = manifests.get(PersistentVolumeClaim.class, claim);
        assertTrue(pvc.getSpec().getAccessModes().contains("ReadWriteMany")
                        || pvc.getSpec().getAccessModes().contains("ReadWriteOnce"), "PVC access modes");
        assertNotNull(pvc.getSpec().getResources().getRequests().get("storage"), "PVC storage request");
        assertNotNull(job.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup(),
                "fsGroup, so that the non-root injectors can write to the volume");

        Pod results = manifests.get(Pod.class, RESULTS);
        Container reader = single(results.getSpec().getContainers());
        VolumeMount readerMount = reader.getVolumeMounts().stream()
                .filter(m -> claim.equals(claimOf(results.getSpec(), m.getName())))
                .findFirst().orElseThrow(() -> new AssertionError("the results pod does not mount " + claim));
        assertEquals(mount.getMountPath(), readerMount.getMountPath(), "the results pod mounts the PVC elsewhere");

        String pattern = out.replace("$(" + INDEX_VAR + ")", "*");
        assertTrue(readme.contains("reports merge " + pattern), "README.md must merge " + pattern);
        assertTrue(readme.contains("kubectl cp " + RESULTS + ":" + mount.getMountPath()),
                "README.md must copy " + mount.getMountPath() + " out of the results pod");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the Containerfile and the README

    @Test
    void theContainerfileCopiesEveryJarTheManifestsAndTheReadmeRun() throws Exception {
        Set<String> tools = new TreeSet<>();
        for (Map.Entry<String, PodSpec> e : podSpecs().entrySet()) {
            for (Container c : allContainers(e.getValue())) {
                if (c.getCommand() != null && c.getCommand().size() == 1 && c.getCommand().get(0).equals(LAUNCHER)) {
                    tools.add(new CommandArgs(c.getArgs()).at(0));
                }
            }
        }
        Matcher m = Pattern.compile("\\bwsinfer ([a-z]+) [a-z]+ /").matcher(readme);
        while (m.find()) {
            tools.add(m.group(1));
        }
        assertEquals(TOOLS, tools, "the tools the manifests and the README run");

        Containerfile last = containerfile.finalStage();
        Set<String> buildStages = new TreeSet<>();
        for (Containerfile.Instruction from : containerfile.all("FROM")) {
            Matcher as = Pattern.compile("(?i)\\S+\\s+AS\\s+(\\S+)").matcher(from.arguments());
            if (as.matches()) {
                buildStages.add(as.group(1));
            }
        }
        assertTrue(containerfile.all("RUN").stream().anyMatch(r -> r.arguments().matches(".*\\bmvn\\b.*\\bpackage\\b.*")),
                "the build stage must run mvn ... package");
        List<Containerfile.Copy> copies = last.copies();
        for (String tool : tools) {
            String jar = "wsinfer-" + tool + ".jar";
            String built = tool + "/target/" + jar;
            assertTrue(Files.isRegularFile(moduleDir.resolveSibling(tool).resolve("pom.xml")), "no module " + tool);
            assertTrue(copies.stream().anyMatch(c -> c.fromStage() != null && buildStages.contains(c.fromStage())
                            && c.sources().size() == 1 && c.sources().get(0).endsWith("/" + built)
                            && destination(c).equals(JAR_DIR + "/" + jar)),
                    "the Containerfile's final stage does not copy " + built + " to " + JAR_DIR + "/" + jar);
        }
        Containerfile.Copy launcher = copies.stream().filter(c -> destination(c).equals(LAUNCHER)).findFirst()
                .orElseThrow(() -> new AssertionError("the Containerfile does not install " + LAUNCHER));
        Path script = moduleDir.getParent().resolve(single(launcher.sources()));
        assertTrue(Files.isRegularFile(script), "the launcher " + script + " is missing");
        String scriptText = Files.readString(script, StandardCharsets.UTF_8);
        assertTrue(scriptText.contains(JAR_DIR) && scriptText.contains("wsinfer-$tool.jar"),
                "the launcher must run " + JAR_DIR + "/wsinfer-<tool>.jar");
        Containerfile.Instruction entrypoint = last.last("ENTRYPOINT");
        assertNotNull(entrypoint, "ENTRYPOINT");
        assertTrue(entrypoint.arguments().startsWith("[\"" + LAUNCHER + "\""), "ENTRYPOINT is the launcher (exec form)");
        assertTrue(copies.stream().anyMatch(c -> destination(c).startsWith(JAR_DIR + "/scripts")),
                "the image holds the scripts");
    }

    @Test
    void theReadmeNamesEveryManifestAndTheCommandsOfARun() throws Exception {
        try (var files = Files.list(moduleDir.resolve("k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertTrue(readme.contains(f.getFileName().toString()), "README.md does not mention " + f.getFileName());
            }
        }
        for (String command : List.of("kubectl apply", "kubectl get job/" + INJECTORS, "Complete|Failed",
                "reports merge", "reports report", "podman build -f deploy/Containerfile", "docker build -f deploy/Containerfile")) {
            assertTrue(readme.contains(command), "README.md lacks: " + command);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers

    static Map<String, PodSpec> podSpecs() {
        Map<String, PodSpec> specs = new LinkedHashMap<>();
        manifests.all(Deployment.class).forEach(d -> specs.put("Deployment/" + d.getMetadata().getName(),
                d.getSpec().getTemplate().getSpec()));
        manifests.all(Job.class).forEach(j -> specs.put("Job/" + j.getMetadata().getName(),
                j.getSpec().getTemplate().getSpec()));
        manifests.all(Pod.class).forEach(p -> specs.put("Pod/" + p.getMetadata().getName(), p.getSpec()));
        return specs;
    }

    static List<Container> allContainers(PodSpec spec) {
        List<Container> all = new ArrayList<>(spec.getContainers());
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        return all;
    }

    static Container serverContainer() {
        return single(manifests.get(Deployment.class, SERVER).getSpec().getTemplate().getSpec().getContainers());
    }

    static Container injectorContainer() {
        return single(manifests.get(Job.class, INJECTORS).getSpec().getTemplate().getSpec().getContainers());
    }

    static ServicePort servicePort(Service service) {
        return single(service.getSpec().getPorts());
    }

    /** The container port a probe or Service port names: a number, or the name of one of the container's ports. */
    static int resolvePort(IntOrString port, Container container, String what) {
        assertNotNull(port, what + ": no port");
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError(what + ": container " + container.getName()
                        + " has no port named " + port.getStrVal()));
    }

    /** The server's drain timeout: {@code --drain-timeout-ms N} or {@code --drain-timeout 20s}. */
    static long drainTimeoutMs(CommandArgs args) {
        Optional<String> ms = args.value("--drain-timeout-ms");
        Optional<String> duration = args.value("--drain-timeout");
        if (ms.isPresent() == duration.isPresent()) {
            fail("the server args must set the drain timeout once (--drain-timeout-ms or --drain-timeout): " + args);
        }
        return ms.isPresent() ? Long.parseLong(ms.get()) : parseDuration(duration.get()).toMillis();
    }

    /** The preStop hook's sleep: {@code sleep: {seconds: N}}, or exec {@code sleep N} (also via {@code sh -c}). */
    static long preStopSleepMs(Container c) {
        LifecycleHandler preStop = c.getLifecycle() == null ? null : c.getLifecycle().getPreStop();
        if (preStop == null) {
            return 0;
        }
        if (preStop.getSleep() != null) {
            return 1000L * preStop.getSleep().getSeconds();
        }
        assertNotNull(preStop.getExec(), "preStop must sleep (sleep action or exec)");
        String command = String.join(" ", preStop.getExec().getCommand());
        Matcher m = Pattern.compile("(?:^|[\\s;&'\"])sleep\\s+(\\d+)(?:$|[\\s;&'\"])").matcher(command);
        assertTrue(m.find(), "preStop exec does not sleep: " + command);
        return 1000L * Long.parseLong(m.group(1));
    }

    /** {@code 20s}, {@code 500ms}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT20S}. */
    static Duration parseDuration(String text) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        return Duration.parse(text);
    }

    /** The shape of a little-endian float32, C-order .npy file held base64 in a ConfigMap's binaryData. */
    static List<Integer> npyFloat32Shape(Map<String, String> binaryData, String key) {
        String b64 = binaryData.get(key);
        assertNotNull(b64, "the model ConfigMap has no " + key + " in binaryData");
        byte[] bytes = Base64.getDecoder().decode(b64);
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
        for (int i = 0; i < magic.length; i++) {
            assertEquals(magic[i], bytes[i], key + " is not an .npy file");
        }
        int major = bytes[6];
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            headerStart = 10;
        } else {
            headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8 | (bytes[10] & 0xff) << 16 | (bytes[11] & 0xff) << 24;
            headerStart = 12;
        }
        String header = new String(bytes, headerStart, headerLen, StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("'descr': '<f4'"), key + " is not little-endian float32: " + header);
        assertTrue(header.contains("'fortran_order': False"), key + " is not C order: " + header);
        Matcher shape = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(header);
        assertTrue(shape.find(), key + " has no shape: " + header);
        List<Integer> dims = new ArrayList<>();
        long count = 1;
        for (String d : shape.group(1).split(",")) {
            if (!d.isBlank()) {
                dims.add(Integer.parseInt(d.strip()));
                count *= dims.get(dims.size() - 1);
            }
        }
        assertEquals(4 * count, bytes.length - headerStart - headerLen, key + ": data length != 4 * the shape's size");
        return dims;
    }

    static VolumeMount mountUnder(Container c, String path) {
        return c.getVolumeMounts().stream()
                .filter(m -> path.startsWith(m.getMountPath().endsWith("/") ? m.getMountPath() : m.getMountPath() + "/"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " writes " + path + " outside every volume mount"));
    }

    static Volume volume(PodSpec spec, String name) {
        return spec.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    static String claimOf(PodSpec spec, String volumeName) {
        Volume v = volume(spec, volumeName);
        return v.getPersistentVolumeClaim() == null ? null : v.getPersistentVolumeClaim().getClaimName();
    }

    static boolean hasKey(ConfigMap cm, String key) {
        return cm.getData() != null && cm.getData().containsKey(key)
                || cm.getBinaryData() != null && cm.getBinaryData().containsKey(key);
    }

    static boolean samePath(String a, String b) {
        return Path.of(a).normalize().equals(Path.of(b).normalize());
    }

    static String destination(Containerfile.Copy c) {
        if (c.destination().endsWith("/")) {
            String source = single(c.sources());
            return c.destination() + Path.of(source).getFileName();
        }
        return c.destination();
    }

    /** The uid of the Containerfile's last {@code USER} ({@code 10001} or {@code 10001:10001}); -1 if none. */
    static long containerfileUid() {
        Containerfile.Instruction user = containerfile.finalStage().last("USER");
        assertNotNull(user, "the Containerfile sets no USER: the image would run as root");
        String uid = user.arguments().split(":")[0];
        assertTrue(uid.matches("\\d+"), "USER must be numeric (runAsNonRoot can only verify a numeric uid): " + uid);
        return Long.parseLong(uid);
    }

    static <T> T single(List<T> items) {
        assertNotNull(items, "expected one item, found none");
        assertEquals(1, items.size(), "expected exactly one item in " + items);
        return items.get(0);
    }

    static void assertSubset(Map<String, String> selector, Map<String, String> labels, String what) {
        assertNotNull(selector, what + " is empty");
        assertFalse(selector.isEmpty(), what + " is empty");
        for (Map.Entry<String, String> e : selector.entrySet()) {
            assertEquals(e.getValue(), labels == null ? null : labels.get(e.getKey()),
                    what + " " + e.getKey() + " does not match the server's pod labels");
        }
    }

    static int valueOr(Integer value, int dflt) {
        return value == null ? dflt : value;
    }
}
