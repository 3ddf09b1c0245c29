package io.openfraud.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * terraform/ without providers (none can be downloaded here): formatting through the terraform binary when it is on
 * PATH, and by reading the text: every variable and output described, versions pinned, modules wired to variables
 * and outputs that exist, and encryption at rest and in transit on every store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformTest {

    private final Map<Path, List<Hcl.Block>> files = new TreeMap<>();

    @BeforeAll
    void readEveryTerraformFile() throws IOException {
        try (Stream<Path> paths = Files.walk(terraform())) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".tf")).sorted().toList()) {
                files.put(path, Hcl.blocks(Files.readString(path)));
            }
        }
        assertThat(files).hasSizeGreaterThan(30);
    }

    static Path terraform() {
        return Path.of(System.getProperty("openfraud.terraform.dir", "../terraform")).toAbsolutePath().normalize();
    }

    /**
     * {@code terraform fmt -check -recursive}. Skipped (not failed) where no terraform binary is installed, unless
     * OPENFRAUD_REQUIRE_TERRAFORM=true (the release workflow sets it).
     */
    @Test
    void isFormattedAsTerraformFmtWants() throws Exception {
        boolean required = "true".equals(System.getenv("OPENFRAUD_REQUIRE_TERRAFORM"));
        boolean onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "terraform")));
        if (!required) {
            Assumptions.assumeTrue(onPath, "terraform is not on PATH");
        }
        Process process = new ProcessBuilder("terraform", "fmt", "-check", "-recursive", "-list=true", "-no-color")
                .directory(terraform().toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> unformatted = output.lines().filter(l -> l.endsWith(".tf") || l.endsWith(".tfvars")).toList();
        assertThat(unformatted).as("files terraform fmt would change").isEmpty();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void everyVariableAndOutputHasADescription() {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (var entry : files.entrySet()) {
            for (Hcl.Block block : entry.getValue()) {
                if (block.kind().equals("variable") || block.kind().equals("output")) {
                    checked++;
                    if (!block.attributes().contains("description")) {
                        missing.add(terraform().relativize(entry.getKey()) + ": " + block.kind() + " " + block.label());
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(80);
        assertThat(missing).isEmpty();
    }

    @Test
    void descriptionCheckFindsAMissingDescription() {
        List<Hcl.Block> blocks = Hcl.blocks("""
                variable "described" {
                  description = "has one"
                  type        = string
                }
                variable "bare" {
                  type    = object({ description = string })
                  default = { description = "inside an object, not the variable's" }
                }
                output "x" {
                  value = "${jsonencode({ a = "}" })}" # a brace in a string does not close the block
                  description = "last"
                }
                """);
        assertThat(blocks).extracting(Hcl.Block::label).containsExactly("described", "bare", "x");
        assertThat(blocks.get(0).attributes()).contains("description");
        assertThat(blocks.get(1).attributes()).containsExactly("type", "default");
        assertThat(blocks.get(2).attributes()).contains("description");
    }

    @Test
    void versionsArePinnedAndModulesAreLocal() {
        for (var entry : files.entrySet()) {
            for (Hcl.Block block : entry.getValue()) {
                if (block.kind().equals("terraform")) {
                    assertThat(block.body()).as("%s required_version", entry.getKey())
                            .containsPattern("required_version\\s*=\\s*\">= 1\\.11\\.0, < 2\\.0\\.0\"");
                    Matcher providers = Pattern.compile("source\\s*=\\s*\"hashicorp/(\\w+)\"\\s*\\n\\s*version\\s*="
                            + "\\s*\"([^\"]+)\"").matcher(block.body());
                    int found = 0;
                    boolean root = entry.getKey().toString().contains("environments");
                    while (providers.find()) {
                        found++;
                        assertThat(providers.group(2)).as("%s %s", entry.getKey(), providers.group(1))
                                .matches(root ? "= \\d+\\.\\d+\\.\\d+" : "~> \\d+\\.\\d+");
                    }
                    assertThat(found).as("%s pins its providers", entry.getKey()).isPositive();
                }
                if (block.kind().equals("module")) {
                    assertThat(block.body()).as("%s module %s", entry.getKey(), block.label())
                            .containsPattern("source\\s*=\\s*\"\\.\\./\\.\\./modules/\\w+\"");
                }
            }
        }
    }

    /** What terraform validate would catch in the wiring: unknown arguments, missing ones, unknown outputs. */
    @Test
    void environmentPassesEveryModuleExactlyTheVariablesItDeclaresAndReadsOutputsThatExist() throws IOException {
        Path prod = terraform().resolve("environments/prod");
        String rootText = Files.readString(prod.resolve("main.tf")) + Files.readString(prod.resolve("outputs.tf"));
        Set<String> rootVariables = declared(prod, "variable");
        Matcher varRef = Pattern.compile("\\bvar\\.(\\w+)").matcher(rootText);
        while (varRef.find()) {
            assertThat(rootVariables).as("root variable").contains(varRef.group(1));
        }
        Map<String, String> moduleSources = new HashMap<>();
        for (Hcl.Block module : blocksOf(prod, "module")) {
            Matcher source = Pattern.compile("source\\s*=\\s*\"\\.\\./\\.\\./modules/(\\w+)\"").matcher(module.body());
            assertThat(source.find()).isTrue();
            Path dir = terraform().resolve("modules").resolve(source.group(1));
            moduleSources.put(module.label(), source.group(1));
            Set<String> arguments = new TreeSet<>(module.attributes());
            arguments.remove("source");
            Set<String> variables = declared(dir, "variable");
            assertThat(variables).as("module %s accepts", module.label()).containsAll(arguments);
            for (Hcl.Block variable : blocksOf(dir, "variable")) {
                if (!variable.attributes().contains("default")) {
                    assertThat(arguments).as("module %s gets its required variable", module.label())
                            .contains(variable.label());
                }
            }
        }
        assertThat(moduleSources.values()).containsExactlyInAnyOrder("kms", "network", "s3", "eks", "msk", "rds",
                "elasticache", "documentdb", "ecr");
        Matcher outputRef = Pattern.compile("\\bmodule\\.(\\w+)\\.(\\w+)").matcher(rootText);
        while (outputRef.find()) {
            Path dir = terraform().resolve("modules").resolve(moduleSources.get(outputRef.group(1)));
            assertThat(declared(dir, "output")).as("outputs of module %s", outputRef.group(1))
                    .contains(outputRef.group(2));
        }
        for (String module : moduleSources.values()) {
            Path dir = terraform().resolve("modules").resolve(module);
            Set<String> variables = declared(dir, "variable");
            StringBuilder text = new StringBuilder();
            for (Path file : List.of(dir.resolve("main.tf"), dir.resolve("outputs.tf"))) {
                text.append(Files.readString(file));
            }
            Matcher ref = Pattern.compile("\\bvar\\.(\\w+)").matcher(text);
            while (ref.find()) {
                assertThat(variables).as("variables of module %s", module).contains(ref.group(1));
            }
        }
    }

    @Test
    void everyStoreIsEncryptedAtRestAndInTransit() {
        Map<String, List<String>> required = Map.ofEntries(
                Map.entry("aws_msk_cluster", List.of("client_broker\\s*=\\s*\"TLS\"", "in_cluster\\s*=\\s*true",
                        "encryption_at_rest_kms_key_arn\\s*=", "unauthenticated\\s*=\\s*false")),
                Map.entry("aws_db_instance", List.of("storage_encrypted\\s*=\\s*true", "kms_key_id\\s*=",
                        "publicly_accessible\\s*=\\s*false", "manage_master_user_password\\s*=\\s*true")),
                Map.entry("aws_db_parameter_group", List.of("\"rds.force_ssl\"[\\s\\S]*value\\s*=\\s*\"1\"")),
                Map.entry("aws_elasticache_replication_group", List.of("at_rest_encryption_enabled\\s*=\\s*true",
                        "transit_encryption_enabled\\s*=\\s*true", "kms_key_id\\s*=", "auth_token\\s*=")),
                Map.entry("aws_docdb_cluster", List.of("storage_encrypted\\s*=\\s*true", "kms_key_id\\s*=")),
                Map.entry("aws_docdb_cluster_parameter_group", List.of("\"tls\"[\\s\\S]*value\\s*=\\s*\"enabled\"")),
                Map.entry("aws_s3_bucket_server_side_encryption_configuration", List.of(
                        "sse_algorithm\\s*=\\s*\"aws:kms\"", "kms_master_key_id\\s*=")),
                Map.entry("aws_ecr_repository", List.of("encryption_type\\s*=\\s*\"KMS\"",
                        "image_tag_mutability\\s*=\\s*\"IMMUTABLE\"")),
                Map.entry("aws_eks_cluster", List.of("encryption_config", "resources\\s*=\\s*\\[\"secrets\"]")),
                Map.entry("aws_eks_addon", List.of()),
                Map.entry("aws_secretsmanager_secret", List.of("kms_key_id\\s*=")),
                Map.entry("aws_cloudwatch_log_group", List.of("kms_key_id\\s*=")),
                Map.entry("aws_kms_key", List.of("enable_key_rotation\\s*=\\s*true")),
                Map.entry("aws_launch_template", List.of("encrypted\\s*=\\s*true", "http_tokens\\s*=\\s*\"required\"")));
        Map<String, Integer> seen = new TreeMap<>();
        for (var entry : files.entrySet()) {
            for (Hcl.Block block : entry.getValue()) {
                if (!block.kind().equals("resource")) {
                    continue;
                }
                String type = block.labels().get(0);
                for (String pattern : required.getOrDefault(type, List.of())) {
                    assertThat(block.body()).as("%s %s", entry.getKey().getFileName(), block.label())
                            .containsPattern(pattern);
                }
                seen.merge(type, 1, Integer::sum);
            }
        }
        assertThat(seen.keySet()).containsAll(required.keySet());
        String s3 = files.keySet().stream().filter(p -> p.toString().endsWith("modules/s3/main.tf")).findFirst()
                .map(TerraformTest::read).orElseThrow();
        assertThat(s3).contains("aws:SecureTransport").contains("block_public_acls       = true");
        String eks = files.keySet().stream().filter(p -> p.toString().endsWith("modules/eks/main.tf")).findFirst()
                .map(TerraformTest::read).orElseThrow();
        assertThat(eks).containsPattern("addon_name\\s*=\\s*\"vpc-cni\"").contains("enableNetworkPolicy = \"true\"")
                .contains("aws_iam_openid_connect_provider").contains("aws_eks_node_group");
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Hcl.Block> blocksOf(Path dir, String kind) {
        List<Hcl.Block> blocks = new ArrayList<>();
        files.forEach((path, list) -> {
            if (path.getParent().equals(dir)) {
                list.stream().filter(b -> b.kind().equals(kind)).forEach(blocks::add);
            }
        });
        return blocks;
    }

    private Set<String> declared(Path dir, String kind) {
        Set<String> names = new TreeSet<>();
        blocksOf(dir, kind).forEach(b -> names.add(b.label()));
        return names;
    }
}
