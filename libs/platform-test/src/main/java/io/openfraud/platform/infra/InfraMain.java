package io.openfraud.platform.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one store as a process of its own on fixed ports, for {@code fraudctl infra up} and for people:
 *
 * <pre>
 * java -cp ... io.openfraud.platform.infra.InfraMain kafka --port 9092 --controller-port 9093 --data-dir .infra --topics
 * java -cp ... io.openfraud.platform.infra.InfraMain postgres --port 5432 --data-dir .infra --database ingestion
 * java -cp ... io.openfraud.platform.infra.InfraMain redis --port 6379
 * java -cp ... io.openfraud.platform.infra.InfraMain mongo --port 27017
 * </pre>
 *
 * Once the store serves, one line goes to standard output, {@code READY <store> key=value ...} with its connection
 * info (a parent process waits for it). The store stops on SIGTERM/SIGINT (a shutdown hook) and, with
 * {@code --watch-stdin}, when standard input closes, so a child process does not outlive a parent that died.
 * Without {@code --data-dir} the data is temporary and deleted on stop.
 */
public final class InfraMain {

    static final String USAGE = """
            usage: InfraMain <kafka|postgres|redis|mongo> [options]
              --port N              client port (default 0: a free port)
              --data-dir DIR        keep data in DIR/<store> across restarts (default: temporary, deleted on stop)
              --watch-stdin         stop when standard input closes
              kafka:    --controller-port N   KRaft controller port (default 0: a free port)
                        --topics              create every platform topic and dead-letter topic, and set
                                              their declared retention.ms and cleanup.policy
                        --max-partitions N    cap the partitions of those topics (default: as declared)
              postgres: --database NAME       create a database (repeatable, or comma-separated)
              redis:    --persistent          append-only persistence in the data directory
            """;

    private static final Set<String> STORES = Set.of("kafka", "postgres", "redis", "mongo");

    private InfraMain() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        InfraNode node;
        try {
            node = start(options, System.out);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.stop();
            stopped.countDown();
        }, "openfraud-infra-stop"));
        if (options.watchStdin) {
            Thread watcher = new Thread(() -> {
                drain(System.in);
                System.exit(0); // runs the shutdown hook
            }, "openfraud-infra-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the store {@code options} describe and prints its READY line. */
    static InfraNode start(Options options, PrintStream out) {
        long begin = System.nanoTime();
        InfraNode node = switch (options.store) {
            case "kafka" -> {
                KafkaNode kafka = KafkaNode.builder().port(options.port).controllerPort(options.controllerPort)
                        .baseDirectory(options.dataDir).trapExit(false).start();
                if (options.topics) {
                    // On every start, so a restart also puts back retention.ms/cleanup.policy that drifted.
                    var report = kafka.createTopics(KafkaNode.platformTopics(options.maxPartitions));
                    out.println("topics: created " + report.created().size() + ", aligned " + report.aligned()
                            + ", unchanged " + report.unchanged().size());
                }
                yield kafka;
            }
            case "postgres" -> {
                PostgresNode postgres = PostgresNode.start(options.port, options.dataDir);
                options.databases.forEach(postgres::createDatabase);
                yield postgres;
            }
            case "redis" -> RedisNode.start(options.port, options.dataDir, options.persistent);
            case "mongo" -> MongoNode.start(options.port);
            default -> throw new IllegalArgumentException("unknown store " + options.store);
        };
        StringBuilder line = new StringBuilder("READY ").append(node.name());
        new TreeMap<>(node.connectionInfo()).forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        line.append(" startup.ms=").append((System.nanoTime() - begin) / 1_000_000);
        out.println(line);
        out.flush();
        return node;
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // discard: only the end of the stream matters
            }
        } catch (IOException e) {
            // a broken stdin means the parent is gone, as does EOF
        }
    }

    static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Parsed command line. */
    static final class Options {
        String store;
        int port;
        int controllerPort;
        Path dataDir;
        boolean topics;
        int maxPartitions = Integer.MAX_VALUE;
        final List<String> databases = new ArrayList<>();
        boolean persistent;
        boolean watchStdin;

        static Options parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("no store given");
            }
            Options o = new Options();
            o.store = args[0];
            if (!STORES.contains(o.store)) {
                throw new IllegalArgumentException("unknown store: " + o.store);
            }
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--port" -> o.port = intValue(args, ++i, arg);
                    case "--controller-port" -> o.controllerPort = intValue(args, ++i, arg);
                    case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, arg));
                    case "--topics" -> o.topics = true;
                    case "--max-partitions" -> o.maxPartitions = intValue(args, ++i, arg);
                    case "--database" -> {
                        for (String name : value(args, ++i, arg).split(",")) {
                            if (!name.isBlank()) {
                                o.databases.add(name.trim());
                            }
                        }
                    }
                    case "--persistent" -> o.persistent = true;
                    case "--watch-stdin" -> o.watchStdin = true;
                    default -> throw new IllegalArgumentException("unknown option: " + arg);
                }
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int intValue(String[] args, int i, String option) {
            try {
                return Integer.parseInt(value(args, i, option));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number: " + args[i]);
            }
        }
    }
}
