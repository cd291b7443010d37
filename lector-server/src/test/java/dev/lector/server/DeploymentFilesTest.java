package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.EngineFactory;
import dev.lector.pipeline.OcrEngine;
import dev.lector.testing.FakeStages;
import dev.lector.testing.FakeStages.FakeLine;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What can be checked here of the container and Kubernetes files without a container engine or a
 * cluster: every manifest and compose file parses as YAML; ports, probe paths and LECTOR_* names
 * agree with the server's defaults, routes (asked of a server started in-process) and variables;
 * the grace periods cover the drain; the Dockerfiles build and run with the documented commands.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** LECTOR_* variables read outside {@link ServerConfig}: bin/lector's heap, the INT8 calibration folder, the VLM back end. */
    private static final Set<String> OTHER_ENV = Set.of("LECTOR_JAVA_OPTS", "LECTOR_CACHE_DIR", "LECTOR_VLM_URL",
            "LECTOR_VLM_MODEL", "LECTOR_VLM_API_KEY");
    private static final Pattern LECTOR_VAR = Pattern.compile("\\bLECTOR_[A-Z_]+");

    private static final Map<String, Map<String, Object>> K8S = new LinkedHashMap<>();
    private static Map<String, Object> compose;

    @BeforeAll
    static void parse() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object doc : yaml().loadAll(Files.readString(f))) {
                    assertThat(doc).as(f.toString()).isInstanceOf(Map.class);
                    Map<String, Object> m = map(doc);
                    assertThat(m).as(f.toString()).containsKeys("apiVersion", "kind");
                    if (m.get("metadata") instanceof Map<?, ?> meta) K8S.put(m.get("kind") + "/" + meta.get("name"), m);
                }
            }
        }
        compose = map(yaml().load(Files.readString(ROOT.resolve("compose.yaml"))));
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<Object>) o;
    }

    private static Map<String, Object> at(Map<String, Object> m, String... keys) {
        Map<String, Object> cur = m;
        for (String k : keys) cur = map(cur.get(k));
        return cur;
    }

    private static Map<String, Object> deployment() {
        assertThat(K8S).containsKeys("Deployment/lector", "Service/lector", "HorizontalPodAutoscaler/lector", "PodDisruptionBudget/lector");
        return K8S.get("Deployment/lector");
    }

    private static Map<String, Object> container() {
        return map(list(at(deployment(), "spec", "template", "spec").get("containers")).get(0));
    }

    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new HashMap<>();
        for (Object e : list(container.get("env"))) {
            Map<String, Object> m = map(e);
            if (m.containsKey("value")) env.put((String) m.get("name"), String.valueOf(m.get("value")));
        }
        return env;
    }

    @Test
    void theDeploymentsPortProbesAndVariablesAreTheServers() throws Exception {
        Map<String, Object> c = container();
        Map<String, Object> port = map(list(c.get("ports")).get(0));
        assertThat(port.get("containerPort")).isEqualTo(ServerConfig.DEFAULT_PORT);
        Map<String, String> env = env(c);
        assertThat(ServerConfig.fromEnvironment(env).port()).isEqualTo(ServerConfig.DEFAULT_PORT);
        assertThat(ServerConfig.fromEnvironment(env).bind()).isEqualTo("0.0.0.0");
        for (String name : env.keySet()) assertThat(known(name)).as(name).isTrue();

        Map<String, String> probePaths = new LinkedHashMap<>();
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            Map<String, Object> get = at(c, probe, "httpGet");
            assertThat(get.get("port")).as(probe).isIn(port.get("name"), port.get("containerPort"));
            probePaths.put(probe, (String) get.get("path"));
        }
        assertThat(probePaths).containsEntry("readinessProbe", "/health/ready").containsEntry("livenessProbe", "/health/live");
        assertRoutesAnswer200(probePaths.values());

        // Kubernetes waits preStop, then SIGTERM starts the drain: the grace period must cover both
        int sleep = Integer.parseInt((String) list(at(c, "lifecycle", "preStop", "exec").get("command")).get(1));
        Duration drain = ServerConfig.fromEnvironment(env).drainTimeout();
        int grace = (Integer) at(deployment(), "spec", "template", "spec").get("terminationGracePeriodSeconds");
        assertThat(grace).isGreaterThan(sleep + (int) drain.toSeconds());
        assertThat(at(c, "resources", "requests")).containsKeys("cpu", "memory");
        assertThat(at(c, "resources", "limits")).containsKey("memory");
    }

    @Test
    void theServiceAutoscalerAndBudgetPointAtTheDeployment() {
        Map<String, Object> labels = at(deployment(), "spec", "template", "metadata", "labels");
        assertThat(labels).containsAllEntriesOf(at(deployment(), "spec", "selector", "matchLabels"));
        Map<String, Object> service = K8S.get("Service/lector");
        assertThat(labels).containsAllEntriesOf(at(service, "spec", "selector"));
        Map<String, Object> servicePort = map(list(at(service, "spec").get("ports")).get(0));
        assertThat(servicePort.get("targetPort")).isEqualTo(map(list(container().get("ports")).get(0)).get("name"));
        Map<String, Object> target = at(K8S.get("HorizontalPodAutoscaler/lector"), "spec", "scaleTargetRef");
        assertThat(target).containsEntry("kind", "Deployment").containsEntry("name", "lector");
        Map<String, Object> pdb = K8S.get("PodDisruptionBudget/lector");
        assertThat(labels).containsAllEntriesOf(at(pdb, "spec", "selector", "matchLabels"));
        assertThat((Integer) at(pdb, "spec").get("minAvailable")).isLessThan((Integer) at(deployment(), "spec").get("replicas"));
    }

    @Test
    void composeServicesPublishTheServersPortAndCheckItsLiveness() {
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsKeys("lector", "lector-gpu");
        for (String name : services.keySet()) {
            Map<String, Object> s = map(services.get(name));
            String published = (String) list(s.get("ports")).get(0);
            assertThat(published).as(name).endsWith(":" + ServerConfig.DEFAULT_PORT);
            Map<String, String> env = new HashMap<>();
            map(s.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
            for (String var : env.keySet()) assertThat(known(var)).as(name + " " + var).isTrue();
            assertThat(ServerConfig.fromEnvironment(env).port()).isEqualTo(ServerConfig.DEFAULT_PORT);
            List<Object> test = list(map(s.get("healthcheck")).get("test"));
            URI check = URI.create((String) test.get(test.size() - 1));
            assertThat(check.getPath()).isEqualTo("/health/live");
            assertThat(check.getPort()).isEqualTo(ServerConfig.DEFAULT_PORT);
            Duration grace = Duration.ofSeconds(Long.parseLong(((String) s.get("stop_grace_period")).replace("s", "")));
            assertThat(grace).as(name).isGreaterThan(ServerConfig.fromEnvironment(env).drainTimeout());
            Map<String, Object> build = map(s.get("build"));
            assertThat(ROOT.resolve((String) build.get("dockerfile"))).isRegularFile();
        }
    }

    @Test
    void theDockerfilesBuildAndRunWithTheDocumentedCommands() throws IOException {
        String docs = documentation();
        for (String file : List.of("Dockerfile", "Dockerfile.gpu")) {
            List<String> lines = instructions(ROOT.resolve(file));
            assertThat(lines.get(0)).as(file).startsWith("FROM ").contains(" AS build");
            List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
            assertThat(froms).as(file + ": multi-stage").hasSizeGreaterThanOrEqualTo(2);

            String build = lines.stream().filter(l -> l.startsWith("RUN ") && l.contains("./mvnw")).findFirst().orElseThrow();
            Matcher mvnw = Pattern.compile("\\./mvnw[^&]*?(?=\\s*(&&|$))").matcher(build);
            assertThat(mvnw.find()).isTrue();
            assertThat(docs).as(file + " builds with a documented command").contains(mvnw.group().trim());

            String entry = lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).reduce((a, b) -> b).orElseThrow();
            assertThat(entry).as(file).isEqualTo("ENTRYPOINT [\"/opt/lector/bin/lector\", \"serve\"]");
            assertThat(docs).contains("bin/lector serve");

            String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
            assertThat(user).as(file + ": non-root").doesNotContain("root").doesNotMatch("USER 0(:.*)?");

            Map<String, String> env = new HashMap<>();
            for (String l : lines) {
                if (!l.startsWith("ENV ")) continue;
                Matcher kv = Pattern.compile("([A-Z_]+)=(\\S+)").matcher(l);
                while (kv.find()) env.put(kv.group(1), kv.group(2));
            }
            Map<String, String> lectorEnv = new HashMap<>();
            env.forEach((k, v) -> {
                if (k.startsWith("LECTOR_")) lectorEnv.put(k, v);
            });
            for (String var : lectorEnv.keySet()) assertThat(known(var)).as(file + " " + var).isTrue();
            ServerConfig fromEnv = ServerConfig.fromEnvironment(lectorEnv);
            assertThat(fromEnv.bind()).isEqualTo("0.0.0.0");
            assertThat(lines).as(file).contains("EXPOSE " + fromEnv.port());
            assertThat(fromEnv.port()).isEqualTo(ServerConfig.DEFAULT_PORT);

            String health = lines.stream().filter(l -> l.startsWith("HEALTHCHECK ")).findFirst().orElseThrow();
            Matcher url = Pattern.compile("http://[^\\s]+").matcher(health);
            assertThat(url.find()).isTrue();
            assertThat(URI.create(url.group()).getPath()).isEqualTo("/health/live");
            assertThat(URI.create(url.group()).getPort()).isEqualTo(fromEnv.port());
        }
    }

    @Test
    void everyLectorVariableTheFilesNameIsOneTheProgramReads() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("Dockerfile"), ROOT.resolve("Dockerfile.gpu"), ROOT.resolve("compose.yaml")));
        try (Stream<Path> k8s = Files.list(ROOT.resolve("deploy/k8s"))) {
            files.addAll(k8s.sorted().toList());
        }
        for (Path f : files) {
            Matcher m = LECTOR_VAR.matcher(Files.readString(f));
            while (m.find()) {
                assertThat(known(m.group())).as(f.getFileName() + ": " + m.group()).isTrue();
            }
        }
    }

    private static boolean known(String variable) {
        return ServerConfig.ENV_KEYS.contains(variable) || OTHER_ENV.contains(variable);
    }

    /** Each path answers 200 on a server started as {@code lector serve} starts it (fake stages, no models). */
    private static void assertRoutesAnswer200(Iterable<String> paths) throws Exception {
        FakeStages fakes = FakeStages.of(FakeStages.draw(200, 100, 0, new FakeLine("A", 20, 20, 40, 30)));
        try (OcrEngine engine = EngineFactory.fromStages(EngineConfig.defaults(), fakes.detector(), fakes.classifier(), fakes.recognizer(), null);
             LectorServer server = LectorServer.start(engine, ServerConfig.defaults().withPort(0))) {
            Http http = new Http(server.port());
            for (String path : paths) assertThat(http.get(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    /** The README and every page under docs/. */
    private static String documentation() throws IOException {
        StringBuilder all = new StringBuilder(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            for (Path p : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) all.append('\n').append(Files.readString(p));
        }
        return all.toString();
    }

    /** A Dockerfile's instructions, continuation lines joined, comments and blank lines left out. */
    private static List<String> instructions(Path dockerfile) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String raw : Files.readAllLines(dockerfile)) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && cur.isEmpty())) continue;
            boolean more = line.endsWith("\\");
            cur.append(more ? line.substring(0, line.length() - 1).strip() : line).append(more ? " " : "");
            if (!more) {
                out.add(cur.toString().replaceAll("\\s+", " ").strip());
                cur.setLength(0);
            }
        }
        return out;
    }
}
