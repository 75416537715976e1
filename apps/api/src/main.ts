import { createApp } from './app.factory';
import { AppConfig } from './config/app-config';

/** A stop must not hang: whatever is left after this long is abandoned. */
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  const app = await createApp();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref());
  }
  const { PORT } = app.get(AppConfig).env;
  await app.listen(PORT);
  process.stdout.write(`chat listening on http://localhost:${PORT}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
