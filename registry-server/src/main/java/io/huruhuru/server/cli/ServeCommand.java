package io.huruhuru.server.cli;

import io.huruhuru.server.Registry;
import io.huruhuru.server.config.ConfigLoader;
import io.huruhuru.server.config.RegistryConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code huruhuru serve}: runs the registry until SIGTERM or SIGINT, then shuts down cleanly. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the registry.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", description = "YAML configuration file (see README); environment variables override it.")
    private Path configFile;

    @Option(names = "--listen", description = "host:port to listen on (default 127.0.0.1:5000).")
    private String listen;

    @Option(names = "--data", description = "data directory (default ./data).")
    private Path data;

    @Option(names = "--policy", description = "budget policy file (YAML) for pushed koskit images (default: none).")
    private Path policy;

    @Override
    public Integer call() throws Exception {
        RegistryConfig config;
        Registry registry;
        try {
            config = config();
            io.huruhuru.server.log.ApplicationLog.configure(config.log());
            registry = Registry.start(config);
        } catch (IllegalArgumentException e) {
            // a configuration that cannot work (a bad value, an unreadable key or policy): the message says what
            spec.commandLine().getErr().println("huruhuru serve: " + e.getMessage());
            return 2;
        }
        if (config.security().plainHttp()) {
            LOG.info("huruhuru listening on {}:{}, data in {}", config.http().listen().host(), registry.port(),
                    config.storage().dataDirectory().toAbsolutePath());
        }
        if (config.security().tls().isPresent()) {
            LOG.info("huruhuru listening with TLS on {}:{}, data in {}", config.security().tls().get().listen().host(),
                    registry.tlsPort(), config.storage().dataDirectory().toAbsolutePath());
        }
        if (config.security().auth().mode() != io.huruhuru.server.config.SecurityConfig.Mode.NONE) {
            LOG.info("authentication: {}", config.security().auth().mode().name().toLowerCase(java.util.Locale.ROOT));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            try {
                registry.close();
                LOG.info("stopped cleanly");
            } catch (Exception e) {
                LOG.error("shutdown failed", e);
            } finally {
                stopped.countDown();
            }
        }, "huruhuru-shutdown"));
        stopped.await();
        return 0;
    }

    private RegistryConfig config() {
        RegistryConfig config = ConfigLoader.load(configFile, System.getenv());
        if (listen != null) {
            config = config.withListen(RegistryConfig.Listen.parse(listen));
        }
        if (data != null) {
            config = config.withDataDirectory(data);
        }
        if (policy != null) {
            config = config.withPolicy(policy);
        }
        return config;
    }
}
