package dyad.neo4j;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Starts an embedded Neo4j Community DBMS with a Bolt connector and keeps it
 * running until the JVM is asked to stop (SIGTERM / SIGINT).
 *
 * <p>Usage: {@code Launcher [DIR] [PORT]}
 *
 * <ul>
 *   <li>DIR: Neo4j home; data and logs go below it. Falls back to env
 *       NEO4J_LAUNCHER_DIR, then to ./neo4j-data.</li>
 *   <li>PORT: Bolt port. Falls back to env NEO4J_PORT, then 7687.
 *       0 means "pick a free port".</li>
 * </ul>
 *
 * <p>Other env: NEO4J_BIND (default 127.0.0.1), NEO4J_PAGECACHE (default
 * 128m). If DIR/neo4j.conf exists it is loaded first, and the settings above
 * override it.
 *
 * <p>Prints {@code neo4j ready bolt://HOST:PORT} on stdout once the default
 * database is available, and {@code neo4j stopped} after a clean shutdown.
 */
public final class Launcher {

    private static final String DEFAULT_DIR = "neo4j-data";
    private static final int DEFAULT_PORT = 7687;
    private static final Duration AVAILABLE_TIMEOUT = Duration.ofMinutes(3);

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.println("usage: Launcher [DIR] [PORT]  (env: NEO4J_LAUNCHER_DIR, NEO4J_PORT,"
                    + " NEO4J_BIND, NEO4J_PAGECACHE)");
            return;
        }
        if (args.length > 2) {
            fail("too many arguments; usage: Launcher [DIR] [PORT]");
        }

        Path home = Path.of(pick(args, 0, "NEO4J_LAUNCHER_DIR", DEFAULT_DIR)).toAbsolutePath().normalize();
        String bind = envOr("NEO4J_BIND", "127.0.0.1");
        int port = parsePort(pick(args, 1, "NEO4J_PORT", Integer.toString(DEFAULT_PORT)));
        if (port == 0) {
            port = freePort(bind);
        }
        long pageCache = parseBytes(envOr("NEO4J_PAGECACHE", "128m"));

        Files.createDirectories(home);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        Path conf = home.resolve("neo4j.conf");
        if (Files.isRegularFile(conf)) {
            builder.loadPropertiesFromFile(conf);
        }
        builder
                // Bolt only, on loopback, no TLS, no auth: a local test server.
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(bind, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(bind, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(bind))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(bind))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // The server-side routing connector would also open a port (7688).
                .setConfig(GraphDatabaseSettings.routing_enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Bolt waits 5 s + 5 s for connections and its thread pool on
                // shutdown by default; the databases are checkpointed before that.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                // Small footprint.
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 16L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // Never phone home (usage data collector): this server is for
                // tests and must only ever talk to loopback.
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false);

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = builder.build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j stopping");
            System.out.flush();
            try {
                dbms.shutdown();
                System.out.println("neo4j stopped");
            } catch (Throwable t) {
                System.err.println("neo4j shutdown failed: " + t);
            } finally {
                System.out.flush();
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(AVAILABLE_TIMEOUT.toMillis())) {
            System.err.println("neo4j: default database did not become available within " + AVAILABLE_TIMEOUT);
            System.exit(1);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println("neo4j home " + home);
        System.out.println("neo4j ready bolt://" + hostForUri(bind) + ":" + port + " (started in " + ms + " ms)");
        System.out.flush();

        // Keep main alive; the shutdown hook releases it after a clean stop.
        stopped.await();
    }

    private static String pick(String[] args, int i, String env, String dflt) {
        if (args.length > i && !args[i].isBlank()) {
            return args[i];
        }
        return envOr(env, dflt);
    }

    private static String envOr(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p < 0 || p > 65535) {
                fail("port out of range: " + s);
            }
            return p;
        } catch (NumberFormatException e) {
            fail("not a port number: " + s);
            return -1; // unreachable
        }
    }

    /** Parses sizes such as 134217728, 512k, 128m, 1g. */
    static long parseBytes(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("b")) {
            v = v.substring(0, v.length() - 1);
        }
        long mult = 1;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'k': mult = 1L << 10; break;
                case 'm': mult = 1L << 20; break;
                case 'g': mult = 1L << 30; break;
                default: break;
            }
        }
        if (mult != 1) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Long.parseLong(v.trim()) * mult;
        } catch (NumberFormatException e) {
            fail("not a size: " + s);
            return -1; // unreachable
        }
    }

    private static int freePort(String bind) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(bind))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static String hostForUri(String bind) {
        if (bind.equals("0.0.0.0") || bind.isEmpty()) {
            return "127.0.0.1";
        }
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }

    private static void fail(String msg) {
        System.err.println("neo4j launcher: " + msg);
        System.exit(2);
    }
}
