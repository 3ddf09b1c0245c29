package io.openfraud.fraudctl.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A tiny child process for the supervision tests: listens on a port, prints {@code READY <name> port=N path=...}
 * and runs until SIGTERM (or, with {@code --watch-stdin}, until its standard input closes). Options make it
 * misbehave: {@code --fail} (exits 3 before ready), {@code --never-ready}, {@code --ignore-term} (a shutdown hook
 * that never returns, so only SIGKILL ends it), {@code --spawn-child} (a {@code sleep} grandchild).
 */
public final class FakeServiceMain {

    private FakeServiceMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        String name = args[0];
        int port = Integer.parseInt(args[1]);
        if (options.contains("--fail")) {
            System.err.println("boom: " + name + " cannot start");
            System.exit(3);
        }
        CountDownLatch forever = new CountDownLatch(1);
        if (options.contains("--ignore-term")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    forever.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        if (options.contains("--spawn-child")) {
            Process child = new ProcessBuilder("sleep", "300").start();
            System.out.println("child " + child.pid());
        }
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                while (true) {
                    try {
                        server.accept().close();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            if (!options.contains("--never-ready")) {
                System.out.println("some noise before");
                System.out.println("READY " + name + " port=" + server.getLocalPort() + " path=/a dir/with spaces");
                System.out.flush();
            }
            if (options.contains("--watch-stdin")) {
                while (System.in.read() >= 0) {
                    // until EOF
                }
                System.exit(0);
            }
            forever.await();
        }
    }
}
