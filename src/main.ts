import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { createSlackApp } from './slack/app.ts';

/**
 * Starts bms-slack: reads the settings, starts the Slack app, and stops it on SIGINT or
 * SIGTERM. A settings problem prints the list of problems and exits with status 1.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const logger = createLogger(config.logLevel);
  const slack = createSlackApp({ config, logger });

  let started: Awaited<ReturnType<typeof slack.start>>;
  try {
    started = await slack.start();
  } catch (error) {
    logger.error('bms-slack failed to start', {
      error: error instanceof Error ? error.message : String(error),
    });
    process.exit(1);
  }
  logger.info('bms-slack started', { mode: started.mode, port: started.port });

  const shutdown = (signal: string) => {
    logger.info('bms-slack stopping', { signal });
    slack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('bms-slack failed to stop cleanly', {
          error: error instanceof Error ? error.message : String(error),
        });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

await main();
