// Starts the service: validated configuration, logger, the app, then listen. SIGTERM and SIGINT
// stop it gracefully: readiness turns false, in-flight requests finish, the database closes, exit 0.
import closeWithGrace from "close-with-grace";
import { createApp } from "./app.js";
import { ConfigError, loadConfig, type Config } from "./platform/config.js";
import { createLogger } from "./platform/logger.js";

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

const config = configOrExit();
const logger = createLogger(config);

try {
  const app = await createApp({ config, logger });
  closeWithGrace({ delay: config.shutdownTimeoutMs, logger }, async ({ signal, err }) => {
    if (err !== undefined) logger.error({ err }, "shutting down after an unexpected error");
    else logger.info({ signal }, "shutting down");
    await app.close();
    logger.info("shutdown complete");
  });
  await app.server.listen({ host: config.host, port: config.port });
} catch (error) {
  logger.fatal({ err: error }, `could not start: ${(error as Error).message}`);
  process.exitCode = 1;
}
