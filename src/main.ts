import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { createRuntime, type Runtime } from './runtime.ts';
import { createSlackApp } from './slack/app.ts';

/**
 * Starts bms-slack: reads the settings, starts the Slack app, and stops it on SIGINT or
 * SIGTERM. A settings problem prints the list of problems and exits with status 1.
 */
async function main(): Promise<void> {
  // Settings may live in a .env file beside package.json; the real environment wins over it.
  if (existsSync('.env')) process.loadEnvFile('.env');

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
  let runtime: Runtime;
  try {
    runtime = await createRuntime({ config, logger });
  } catch (error) {
    logger.error('bms-slack failed to open its store or BMS connection', {
      error: error instanceof Error ? error.message : String(error),
    });
    process.exit(1);
  }
  const slack = createSlackApp({ config, logger, services: runtime.services });

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
    Promise.all([slack.stop(), runtime.close()]).then(
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
