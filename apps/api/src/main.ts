import { createApp } from './app.factory';
import { AppConfig } from './config/app-config';

async function main(): Promise<void> {
  const app = await createApp();
  const { PORT } = app.get(AppConfig).env;
  await app.listen(PORT);
  process.stdout.write(`chat listening on http://localhost:${PORT}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
