// Starts the service (main.ts calls start() once Node's compile cache is on): validated
// configuration, logger, the app, listen, then the workers. A worker that fails to start stops the
// service: it shuts down as on a signal and exits with 1. SIGTERM and SIGINT stop it gracefully:
// readiness turns false, in-flight requests finish, the database closes, and the process exits
// with 0. A second signal more than a second after the first stops it at once (stop-signals.ts).
import { setTimeout as sleep } from "node:timers/promises";
import closeWithGrace from "close-with-grace";
import { createApp } from "./app.js";
import { ConfigError, loadConfig, type Config } from "./platform/config.js";
import { createLogger } from "./platform/logger.js";
import { onStopSignals } from "./platform/stop-signals.js";

function configOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export async function start(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config);

  try {
    const app = await createApp({ config, logger });
    const grace = closeWithGrace(
      { delay: config.shutdownTimeoutMs, logger, skip: ["SIGINT", "SIGTERM"] },
      async ({ err }) => {
        if (err !== undefined) logger.error({ err }, "shutting down after an unexpected error");
        await app.close();
        logger.info("shutdown complete");
      },
    );
    onStopSignals({
      stop(signal) {
        logger.info({ signal }, "shutting down");
        grace.close();
      },
      force(signal) {
        logger.error({ signal }, "second signal, exiting at once");
        process.exit(1);
      },
    });
    await app.server.listen({ host: config.host, port: config.port });
    app.startWorkers().catch(async (error: unknown) => {
      logger.fatal({ err: error }, `could not start: ${(error as Error).message}`);
      // A shutdown as on a signal, within the same time, but the exit code says the start failed.
      await Promise.race([app.close(), sleep(config.shutdownTimeoutMs)]).catch(() => undefined);
      process.exit(1);
    });
  } catch (error) {
    logger.fatal({ err: error }, `could not start: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
