// Starts the service (main.ts calls start() once Node's compile cache is on): validated
// configuration, logger, the app, then listen. SIGTERM and SIGINT stop it gracefully: readiness
// turns false, in-flight requests finish, the database closes, and the process exits with 0. A
// second signal more than a second after the first stops it at once (see stop-signals.ts).
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
  } catch (error) {
    logger.fatal({ err: error }, `could not start: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
